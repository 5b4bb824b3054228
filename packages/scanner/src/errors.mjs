/**
 * An error the scanner explains to the user instead of printing a stack. `kind` picks the exit
 * code (cli.mjs): `usage` and `config` are the user's to fix in the command or the file,
 * `chromium` and `unreachable` mean the scan could not run.
 */
export class ScanError extends Error {
  /** @param {'usage' | 'config' | 'chromium' | 'unreachable'} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.name = 'ScanError';
    this.kind = kind;
  }
}
