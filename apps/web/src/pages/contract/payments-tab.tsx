import { useState } from 'react';
import { DateField, MoneyField, RadiosField, TextField } from '../../components/fields';
import { Empty, Money } from '../../components/govuk';
import { formatDate, isDate } from '../../lib/dates';
import { ID_PATTERN } from '../../lib/ids';
import { parsePounds } from '../../lib/money';
import { CommandForm, Reveal } from './command-form';
import type { ContractTabProps } from './context';

export function PaymentsTab(props: ContractTabProps) {
  const { view, session, canAct } = props;
  return (
    <>
      <h2 className="govuk-heading-m">Payments</h2>
      {view.payments.length === 0 ? <Empty>No payments have been recorded.</Empty> : null}
      {view.payments.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Payments recorded, in the order the ledger learnt of them</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Payment</th>
              <th scope="col" className="govuk-table__header">Paid on</th>
              <th scope="col" className="govuk-table__header">Direction</th>
              <th scope="col" className="govuk-table__header">Reference</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Amount</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {view.payments.map((payment) => (
              <tr className="govuk-table__row" key={payment.paymentId}>
                <th scope="row" className="govuk-table__header">{payment.paymentId}</th>
                <td className="govuk-table__cell">{formatDate(payment.paidOn)}</td>
                <td className="govuk-table__cell">{payment.direction === 'toProvider' ? 'To the provider' : 'Recovered from the provider'}</td>
                <td className="govuk-table__cell">{payment.reference}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <Money pence={payment.direction === 'toProvider' ? payment.amountPence : -payment.amountPence} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canAct && session.role === 'commissioner' && view.status !== 'draft' ? (
        <Reveal summary="Record a payment">
          <PaymentForm {...props} />
        </Reveal>
      ) : null}
    </>
  );
}

function PaymentForm({ api, apiPath, view, done }: ContractTabProps) {
  const [paymentId, setPaymentId] = useState('');
  const [amount, setAmount] = useState('');
  const [direction, setDirection] = useState<'toProvider' | 'toCommissioner'>('toProvider');
  const [paidOn, setPaidOn] = useState('');
  const [reference, setReference] = useState('');
  return (
    <CommandForm
      submitText="Record the payment"
      validate={() => {
        const pence = parsePounds(amount);
        return [
          ...(ID_PATTERN.test(paymentId) ? [] : [{ field: 'paymentId', text: 'Enter a payment reference of letters, digits, dots, dashes or underscores' }]),
          ...(pence !== undefined && pence > 0 ? [] : [{ field: 'amountPence', text: 'Enter the amount in pounds, such as 3631.43' }]),
          ...(isDate(paidOn) ? [] : [{ field: 'paidOn', text: 'Enter the real date of payment' }]),
          ...(reference.trim() ? [] : [{ field: 'reference', text: 'Enter the payment’s reference, for example the remittance number' }]),
        ];
      }}
      send={(idempotencyKey) =>
        api.post(`${apiPath}/payments`, { paymentId, amountPence: parsePounds(amount), direction, paidOn, reference: reference.trim() }, { idempotencyKey, ifMatch: view.revision })
      }
      onDone={() => done(`Payment ${paymentId} has been recorded.`)}
    >
      {(errorOf) => (
        <>
          <TextField name="paymentId" label="Payment reference" value={paymentId} onChange={setPaymentId} error={errorOf('paymentId')} width={20} spellCheck={false} />
          <MoneyField name="amountPence" label="Amount" value={amount} onChange={setAmount} error={errorOf('amountPence')} />
          <RadiosField
            name="direction"
            label="Direction"
            value={direction}
            onChange={(value) => setDirection(value === 'toCommissioner' ? 'toCommissioner' : 'toProvider')}
            options={[
              { value: 'toProvider', text: 'Paid to the provider' },
              { value: 'toCommissioner', text: 'Recovered from the provider', hint: 'An overpayment returned: it counts as a negative payment' },
            ]}
          />
          <DateField name="paidOn" label="Paid on" value={paidOn} onChange={setPaidOn} error={errorOf('paidOn')} />
          <TextField name="reference" label="Reference" value={reference} onChange={setReference} error={errorOf('reference')} width={20} />
        </>
      )}
    </CommandForm>
  );
}
