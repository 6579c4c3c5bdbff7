import { useTrading } from '../trading/trading-store';
import { showPanel } from '../workspace/panels';
import { useWorkspace } from '../workspace/workspace-store';

/** Shows the Reconciliation panel for a live account (selecting it: the panel follows the selected account). */
export function openReconciliation(accountId: string): void {
  useTrading.getState().selectAccount(accountId);
  const dock = useWorkspace.getState().dock;
  if (dock) showPanel(dock, 'reconciliation');
}
