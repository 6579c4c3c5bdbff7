/** A Binance error reply: `{"code":-XXXX,"msg":"..."}` with the HTTP status Binance pairs it with. */
export class BinanceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
  ) {
    super(msg);
    this.name = 'BinanceError';
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.msg };
  }
}

const bad = (code: number, msg: string): BinanceError => new BinanceError(400, code, msg);

/** Binance's codes and messages, verbatim, so client error mapping (ccxt's `exceptions`) sees the real thing. */
export const errors = {
  unknown: () => new BinanceError(500, -1000, 'An unknown error occurred while processing the request.'),
  tooManyParameters: () => bad(-1101, 'Too many parameters sent for this endpoint.'),
  mandatory: (name: string) => bad(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  eitherMandatory: (a: string, b: string) => bad(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  illegalChars: (name: string, range: string) => bad(-1100, `Illegal characters found in parameter '${name}'; legal range is '${range}'.`),
  notAllRead: (read: number, sent: number) => bad(-1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  notRequired: (name: string) => bad(-1106, `Parameter '${name}' sent when not required.`),
  precision: () => bad(-1111, 'Precision is over the maximum defined for this asset.'),
  invalidTimeInForce: () => bad(-1115, 'Invalid timeInForce.'),
  invalidOrderType: () => bad(-1116, 'Invalid orderType.'),
  invalidSide: () => bad(-1117, 'Invalid side.'),
  emptyClientOrderId: () => bad(-1118, 'New client order ID was empty.'),
  invalidInterval: () => bad(-1120, 'Invalid interval.'),
  invalidSymbol: () => bad(-1121, 'Invalid symbol.'),
  moreThan24h: () => bad(-1127, 'More than 24 hours between startTime and endTime.'),
  invalidCombination: () => bad(-1128, 'Combination of optional parameters invalid.'),
  invalidValue: (name: string) => bad(-1130, `Data sent for parameter '${name}' is not valid.`),
  recvWindowTooLarge: () => bad(-1131, 'recvWindow must be less than 60000'),
  timestampOutside: () => bad(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  timestampAhead: () => bad(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  badSignature: () => bad(-1022, 'Signature for this request is not valid.'),
  filter: (filter: string) => bad(-1013, `Filter failure: ${filter}`),
  orderRejected: (msg: string) => bad(-2010, msg),
  duplicateOrder: () => bad(-2010, 'Duplicate order sent.'),
  insufficientBalance: () => bad(-2010, 'Account has insufficient balance for requested action.'),
  wouldTake: () => bad(-2010, 'Order would immediately match and take.'),
  unknownOrder: () => bad(-2011, 'Unknown order sent.'),
  orderDoesNotExist: () => bad(-2013, 'Order does not exist.'),
  apiKeyFormat: () => new BinanceError(401, -2014, 'API-key format invalid.'),
  rejectedKey: () => new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
} as const;
