import * as path from 'node:path';

/**
 * The worked examples, found as @ledger/testing's EXAMPLES_DIR finds them (shared/ beside the repository, or
 * LEDGER_SHARED_DIR): this library's specs cannot import @ledger/testing, which depends on this library.
 */
export const EXAMPLES_DIR = path.join(process.env['LEDGER_SHARED_DIR'] ?? path.resolve(__dirname, '../../../../../../shared'), 'spec', 'examples');
