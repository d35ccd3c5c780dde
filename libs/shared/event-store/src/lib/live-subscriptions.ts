import type { Subscription } from './port';

/** The subscriptions a store has running, so that closing the store stops each after its batch in flight. */
export class LiveSubscriptions {
  private readonly live = new Set<Subscription>();

  /** `done` settles when the subscription's loop ends; `halt` asks the loop to end. */
  track(done: Promise<void>, halt: () => void): Subscription {
    const subscription: Subscription = {
      done,
      stop: async () => {
        halt();
        await done.catch(() => undefined);
        this.live.delete(subscription);
      },
    };
    this.live.add(subscription);
    const forget = () => this.live.delete(subscription);
    done.then(forget, forget);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((subscription) => subscription.stop()));
  }
}
