/** The exchange's clock: real time plus a skew a test sets, used by /time and every recvWindow check. */
export class ServerClock {
  skewMs = 0;

  now(): number {
    return Date.now() + this.skewMs;
  }
}
