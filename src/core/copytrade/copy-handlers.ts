import type { Handlers } from '../../shared/contract';
import type { CopyService } from './copy-service';

export type CopyHandlers = Pick<Handlers, 'copy.whatIf' | 'copy.follow' | 'copy.update' | 'copy.pause' | 'copy.resume' | 'copy.stop' | 'copy.list' | 'copy.log' | 'copy.reconcile' | 'copy.fix'>;

export function createCopyHandlers(copy: CopyService): CopyHandlers {
  return {
    'copy.whatIf': (p) => copy.whatIf(p),
    'copy.follow': (p) => copy.follow(p),
    'copy.update': (p) => copy.update(p),
    'copy.pause': (p) => copy.pause(p.followId),
    'copy.resume': (p) => copy.resume(p.followId),
    'copy.stop': (p) => copy.stop(p.followId, p.closePositions),
    'copy.list': () => copy.list(),
    'copy.log': (p) => copy.log(p),
    'copy.reconcile': (p) => copy.reconcile(p.followId),
    'copy.fix': (p) => copy.fix(p.followId, p.symbol),
  };
}
