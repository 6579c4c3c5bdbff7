import type { ReconciliationDifference, ReconciliationTrigger } from '../../../../shared/trading/reconciliation';

export const DIFFERENCE_LABEL: Readonly<Record<ReconciliationDifference['kind'], string>> = {
  order_unknown: 'Unknown order',
  order_gone: 'Order gone',
  order_changed: 'Order changed',
  fill_recovered: 'Fill recovered',
  position: 'Position',
};

export const TRIGGER_LABEL: Readonly<Record<ReconciliationTrigger, string>> = {
  connect: 'connect',
  reconnect: 'reconnect',
  manual: 'manual',
};
