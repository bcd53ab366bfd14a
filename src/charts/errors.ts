/**
 * Errors of the chart renderer. `exitCode` follows src/errors.ts: 2 = invalid input/usage,
 * 1 = build failed. Messages are the user-facing text (to move into src/messages.ts).
 */
export class ChartError extends Error {
  exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A data or image URL that would need the network. */
export class NetworkDataError extends ChartError {
  override exitCode = 2;
  constructor(readonly url: string) {
    super(
      `Chart data needs the network: ${url} (datapress never fetches; save the file under --base and use a relative URL)`,
    );
  }
}

/** A local data file that does not exist (or is outside --base). */
export class MissingDataError extends ChartError {
  override exitCode = 2;
  constructor(
    readonly url: string,
    readonly file: string,
    reason = 'not found',
  ) {
    super(`Chart data file ${reason}: ${url} (looked for ${file})`);
  }
}

/** The spec file cannot be read, parsed or compiled, or the output kind is unknown. */
export class ChartSpecError extends ChartError {
  override exitCode = 2;
}
