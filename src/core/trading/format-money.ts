/** An amount as traders read it in messages: `1,234.50 USD`. */
export const formatMoney = (n: number, currency: string): string => `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
