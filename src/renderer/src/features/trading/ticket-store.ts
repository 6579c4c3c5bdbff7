import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { OrderType, Side, Tif } from '../../../../shared/trading/order';

export type QtyMode = 'units' | 'notional';

export interface TicketFields {
  /** The ticket's symbol; follows the active chart pane until the trader picks another. */
  symbol: string;
  side: Side;
  type: OrderType;
  qtyMode: QtyMode;
  /** Typed text, so half-typed numbers ("0.") survive re-renders. */
  qty: string;
  notional: string;
  price: string;
  stopPrice: string;
  tif: Tif;
  bracket: boolean;
  stopLoss: string;
  takeProfit: string;
  /** Orders go out without the confirmation step. */
  oneClick: boolean;
}

interface TicketState extends TicketFields {
  set(change: Partial<TicketFields>): void;
}

const DEFAULTS: TicketFields = {
  symbol: '',
  side: 'buy',
  type: 'market',
  qtyMode: 'units',
  qty: '1',
  notional: '1000',
  price: '',
  stopPrice: '',
  tif: 'GTC',
  bracket: false,
  stopLoss: '',
  takeProfit: '',
  oneClick: false,
};

/** The order ticket's fields; the hotkeys read its quantity. Habits persist, prices do not. */
export const useTicket = create<TicketState>()(
  persist(
    (set) => ({
      ...DEFAULTS,
      set: (change) => set(change),
    }),
    {
      name: 'ist.trading.ticket',
      version: 1,
      partialize: (s) => ({ side: s.side, type: s.type, qtyMode: s.qtyMode, qty: s.qty, notional: s.notional, tif: s.tif, bracket: s.bracket, oneClick: s.oneClick }),
    },
  ),
);
