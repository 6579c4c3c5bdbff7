import type { Verification } from '../../../../shared/contract';
import { verificationView } from './verification-view';
import './strategy.css';

const ICON = { verified: '✓', failed: '✕', pending: '…' } as const;

/** Verified / failed (with the problem) / pending, as checked by this app from the signed event stream. */
export function VerifiedBadge({ verification }: { verification: Verification }) {
  const v = verificationView(verification);
  return (
    <span className={`verify-badge verify-${v.tone}`} title={v.detail} data-testid="verification" data-state={v.tone} role="status" aria-label={`${v.label}. ${v.detail}`}>
      <span aria-hidden="true">{ICON[v.tone]}</span> {v.label}
    </span>
  );
}
