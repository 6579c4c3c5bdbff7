import { createBreakout, type BreakoutParams } from './breakout';
import { createCryptoDegen, type DegenParams } from './crypto-degen';
import { createDipBuyer, type DipParams } from './dip-buyer';
import { createDonchian, type DonchianParams } from './donchian';
import { createFxCarry, type CarryParams } from './fx-carry';
import { createMartingale, type MartingaleParams } from './martingale';
import { createMeanReversion, type MeanReversionParams } from './mean-reversion';
import { createMomentumRotation, type RotationParams } from './momentum-rotation';
import { createOpeningRange, type OpeningRangeParams } from './opening-range';
import { createScalper, type ScalpParams } from './scalper';
import { createSteady, type SteadyParams } from './steady';
import { createStockPicker, type PickerParams } from './stock-picker';
import type { Style } from './style';
import { createSwing, type SwingParams } from './swing';
import { createTrendFollowing, type TrendParams } from './trend-following';

/** Every style with its parameters, by `kind`. */
export type StyleParams =
  | TrendParams
  | DonchianParams
  | BreakoutParams
  | RotationParams
  | ScalpParams
  | OpeningRangeParams
  | SwingParams
  | MeanReversionParams
  | CarryParams
  | DipParams
  | MartingaleParams
  | SteadyParams
  | DegenParams
  | PickerParams;

export type StyleKind = StyleParams['kind'];

/** A fresh style instance (its indicators start empty). */
export function createStyle(p: StyleParams): Style {
  switch (p.kind) {
    case 'trend':
      return createTrendFollowing(p);
    case 'donchian':
      return createDonchian(p);
    case 'breakout':
      return createBreakout(p);
    case 'rotation':
      return createMomentumRotation(p);
    case 'scalp':
      return createScalper(p);
    case 'orb':
      return createOpeningRange(p);
    case 'swing':
      return createSwing(p);
    case 'meanrev':
      return createMeanReversion(p);
    case 'carry':
      return createFxCarry(p);
    case 'dip':
      return createDipBuyer(p);
    case 'martingale':
      return createMartingale(p);
    case 'steady':
      return createSteady(p);
    case 'degen':
      return createCryptoDegen(p);
    case 'picker':
      return createStockPicker(p);
  }
}
