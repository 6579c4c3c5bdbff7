import type { Verification } from '../../../../shared/contract';

export interface VerificationView {
  tone: 'verified' | 'failed' | 'pending';
  label: string;
  /** The whole story, for the tooltip and screen readers. */
  detail: string;
}

/** How the strategy header states its verification: what was checked here, or what is wrong. */
export function verificationView(v: Verification): VerificationView {
  switch (v.state) {
    case 'verified':
      return {
        tone: 'verified',
        label: 'Verified',
        detail: `All ${v.verifiedSeq.toLocaleString('en-US')} events checked here: every signature is the owner’s key and the hash chain is unbroken. Every figure is computed from them.`,
      };
    case 'failed': {
      const p = v.problem;
      return {
        tone: 'failed',
        label: p ? `Verification failed at event #${p.seq}` : 'Verification failed',
        detail: `${p ? p.message : 'The stream did not check out.'} Figures use only the ${v.verifiedSeq.toLocaleString('en-US')} events before the problem.`,
      };
    }
    case 'pending':
      return {
        tone: 'pending',
        label: 'Verifying…',
        detail: `${v.verifiedSeq.toLocaleString('en-US')} of ${v.headSeq.toLocaleString('en-US')} events checked so far.`,
      };
  }
}
