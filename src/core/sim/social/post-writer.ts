import type { MemberProfile, Voice } from '../member-profile';
import type { StyleKind } from '../styles/create-style';
import { pct, signedPct } from './market-words';

/** Picks one of several items (the caller's seeded random source). */
export type Choose = <T>(items: readonly T[]) => T;

export type Side = 'long' | 'short' | 'flat';

/** What a member knows when they write about one of their instruments. */
export interface MarketContext {
  tag: string;
  price: string;
  /** Change over the last five days, a fraction. */
  change: number;
  position: Side;
}

type Line = (c: MarketContext) => string;

const held = (c: MarketContext, long: string, short: string, flat: string): string => (c.position === 'long' ? long : c.position === 'short' ? short : flat);

/** What each style says about a market: its own method, and where it stands. */
const COMMENTARY: Readonly<Record<StyleKind, readonly Line[]>> = {
  trend: [
    (c) => `${c.tag} at ${c.price}, ${signedPct(c.change)} on the week. ${held(c, 'Fast average still above the slow one, so I stay long.', 'Averages still pointing down; staying short until they cross back.', 'No clean trend, no position. Waiting for the averages to agree.')}`,
    (c) => `Trend check on ${c.tag}: ${c.price}. ${held(c, 'Long and letting it run.', 'Short and letting it run.', 'Flat. The system says wait.')} No predictions, just following.`,
    (c) => `${c.tag} ${signedPct(c.change)} in five sessions. ${held(c, 'This is the part of trend following that pays for all the whipsaws.', 'Downtrends count too. Short since the cross.', 'Whipsaw season. Flat and fine with it.')}`,
  ],
  donchian: [
    (c) => `${c.tag} ${held(c, 'keeps making closing highs; long from the channel break, exit only on the shorter channel.', 'broke its channel low and I am short. The exit channel is well above.', `stuck inside its channel around ${c.price}. Breakout traders get paid to wait.`)}`,
    (c) => `Channel update ${c.tag} ${c.price}: ${held(c, 'long', 'short', 'no signal')}. ${signedPct(c.change)} this week.`,
  ],
  breakout: [
    (c) => `${c.tag} ${c.price}. ${held(c, 'Took the range break long; stop sits 1.5 ATR under.', 'Range broke down and I am short; ATR stop above.', 'Range is tightening. I have alerts on both sides.')}`,
    (c) => `${c.tag} ${signedPct(c.change)} this week. ${held(c, 'Riding the breakout, target is 2R.', 'Short the breakdown, target is 2R.', 'Nothing broke cleanly yet. Patience.')}`,
  ],
  rotation: [
    (c) => `Weekly ranking done. ${c.tag} ${signedPct(c.change)} over the week, ${held(c, 'still one of my holdings.', 'not in my book.', 'not in my top picks this time.')}`,
    (c) => `Relative strength check: ${c.tag} at ${c.price}. ${held(c, 'Holding it while it leads.', 'Not holding it.', 'Others are stronger right now, so I rotated out.')}`,
  ],
  scalp: [
    (c) => `${c.tag} ${c.price}. ${held(c, 'In a quick long, out within the half hour either way.', 'Quick short on, tight stop.', 'Done for now, took my setups for the session.')}`,
    (c) => `Session notes ${c.tag}: choppy tape, small size. ${held(c, 'Long scalp running.', 'Short scalp running.', 'Flat.')}`,
  ],
  orb: [
    (c) => `${c.tag} opening range is in. ${held(c, 'Broke the top, I am long with the stop at the range low.', 'Broke the bottom, short with the stop at the range high.', 'Nothing yet; range too wide or no break.')} Flat by the close regardless.`,
    (c) => `First 30 minutes on ${c.tag} set the tone: ${c.price}. ${held(c, 'Long the break.', 'Short the break.', 'Sitting this one out.')}`,
  ],
  swing: [
    (c) => `${c.tag} ${signedPct(c.change)} this week. ${held(c, 'Bought the pullback, selling into strength.', 'Short for a swing.', 'Waiting for a proper dip while it stays above the trend line.')}`,
    (c) => `${c.tag} at ${c.price}. ${held(c, 'Swing long from the RSI dip, stop under the recent low.', 'Swing short.', 'RSI not oversold yet, no entry.')}`,
  ],
  meanrev: [
    (c) => `${c.tag} ${signedPct(c.change)} in five days, ${c.price} now. ${held(c, 'Stretched too far down, I faded it long. Exit at the mean.', 'Stretched too far up, faded it short. Exit at the mean.', 'Back inside the bands, nothing to fade.')}`,
    (c) => `${c.tag}: ${held(c, 'long the snapback', 'short the snapback', 'no stretch, no trade')}. Bands do the thinking.`,
  ],
  carry: [
    (c) => `${c.tag} at ${c.price}. ${held(c, 'Long for the swap; trend still agrees.', 'Short for the swap; trend still agrees.', 'Trend turned against the carry, so I am out until it turns back.')}`,
    (c) => `Carry is a slow game. ${c.tag} ${signedPct(c.change)} on the week; ${held(c, 'collecting swap on the long.', 'collecting swap on the short.', 'flat for now.')}`,
  ],
  dip: [
    (c) => `${c.tag} ${signedPct(c.change)} on the week, now ${c.price}. ${held(c, 'Bought the dip. Selling the bounce.', 'Short, which is unusual for me.', c.change < -0.015 ? 'Getting close to my buy zone.' : 'No dip, no trade.')}`,
    (c) => `${held(c, `Long ${c.tag} from the dip`, `Short ${c.tag}`, `Watching ${c.tag} at ${c.price}`)}. Indices recover more often than not; size accordingly.`,
  ],
  martingale: [
    (c) => `${c.tag} ${c.price}. ${held(c, 'Long again, size doubled since the last loss. One winner fixes everything.', 'Short again, bigger size than last time. One winner fixes everything.', 'Reset after a win. Starting small again 😎')}`,
    (c) => `People keep asking about my risk. ${c.tag} ${signedPct(c.change)} this week and I'm ${held(c, 'long', 'short', 'flat')}. The math works as long as you keep going.`,
  ],
  steady: [
    (c) => `Portfolio check: ${c.tag} ${signedPct(c.change)} this week. ${held(c, 'Small position, stays on while the trend is up.', 'No shorts here.', 'Out of it since it dropped under its average.')}`,
    (c) => `${c.tag} ${c.price}. My position there is a small slice of the account, ${held(c, 'held', 'held', 'parked in cash for now')}. Boring is the point.`,
  ],
  degen: [
    (c) => `${c.tag} ${signedPct(c.change)} in 5 days!! ${held(c, 'Levered long and not selling this.', 'short?? never', 'Sidelined, hunting the next breakout.')}`,
    (c) => `${c.tag} ${c.price}. ${held(c, 'Full send, stop is wide.', 'lol no', 'Waiting for the next pump, alerts on.')}`,
  ],
  picker: [
    (c) => `${c.tag} ${c.price}. ${held(c, 'Own it after the pullback; the target is modest.', 'No shorts in this account.', 'On my watchlist; I would buy a few percent lower.')}`,
    (c) => `Good business, ${held(c, 'bought on weakness', 'not owned', 'not cheap enough yet')}: ${c.tag} ${signedPct(c.change)} this week.`,
  ],
};

const CLOSERS: Readonly<Record<Voice, readonly string[]>> = {
  calm: ['', '', 'Nothing to do most days, and that is fine.', 'Slow and steady.'],
  hype: ['🚀', '🔥', "Let's go!", '💎🙌', 'LFG 🚀', ''],
  quant: ['', 'Sample size matters.', 'Still within the backtest’s range.', 'Expectancy is what counts, not one trade.'],
  salty: ['', 'Not that anyone listens.', 'You were warned.', 'Cope accordingly.'],
  mentor: ['Plan the trade, trade the plan.', 'Happy to answer questions below.', '', 'Risk first.'],
  terse: [''],
};

const withCloser = (text: string, voice: Voice, choose: Choose): string => {
  const closer = choose(CLOSERS[voice]);
  return closer ? `${text} ${closer}` : text;
};

/** Market commentary in the member's style and voice. */
export function marketComment(member: MemberProfile, c: MarketContext, choose: Choose): string {
  if (member.voice === 'terse') return `${c.tag} ${c.price} (${signedPct(c.change)} 5d). ${held(c, 'Long.', 'Short.', 'Flat.')}`;
  return withCloser(choose(COMMENTARY[member.style.kind])(c), member.voice, choose);
}

export interface RecapContext {
  tag: string;
  side: 'long' | 'short';
  entry: string;
  exit: string;
  /** Price return of the trip, signed for its side. */
  move: number;
  /** P&L after fees, USD, already formatted. */
  pnl: string;
  won: boolean;
  held: string;
}

/** A post about one of the member's own closed round trips. */
export function tradeRecap(member: MemberProfile, r: RecapContext, choose: Choose): string {
  const wins: Readonly<Record<Voice, readonly string[]>> = {
    calm: [`Closed my ${r.tag} ${r.side}: ${signedPct(r.move)} in ${r.held} (${r.entry} → ${r.exit}).`, `${r.tag} ${r.side} done, ${signedPct(r.move)} after ${r.held}. ${r.pnl} on the account.`],
    hype: [`BOOM 💥 ${r.tag} ${r.side} closed ${signedPct(r.move)} in ${r.held}! ${r.pnl} 🚀`, `${r.tag} paid!! ${r.entry} → ${r.exit}, ${r.pnl} 🔥`],
    quant: [`${r.tag} ${r.side}: entry ${r.entry}, exit ${r.exit}, ${signedPct(r.move, 2)} over ${r.held}. P&L ${r.pnl} net of fees.`],
    salty: [`${r.tag} ${r.side} closed ${signedPct(r.move)}. ${r.pnl}. Some of us actually take profits.`, `Out of ${r.tag} ${signedPct(r.move)} in ${r.held}. No, I will not tell you my next entry.`],
    mentor: [`Trade review ${r.tag}: ${r.side} from ${r.entry}, out at ${r.exit} (${signedPct(r.move)}, ${r.held}). The plan did the work; I just followed it.`],
    terse: [`${r.tag} ${r.side} ${r.entry} → ${r.exit}. ${signedPct(r.move)}. ${r.pnl}.`],
  };
  const losses: Readonly<Record<Voice, readonly string[]>> = {
    calm: [`Stopped out of ${r.tag} ${r.side}, ${signedPct(r.move)} in ${r.held}. Small loss, on to the next.`, `${r.tag} ${r.side} didn't work: ${r.entry} → ${r.exit}. ${r.pnl}. Part of the process.`],
    hype: [`${r.tag} stopped me out 😤 ${signedPct(r.move)}. Reloading.`, `Took an L on ${r.tag} (${r.pnl}). We go again 💪`],
    quant: [`${r.tag} ${r.side} stopped: ${signedPct(r.move, 2)} over ${r.held}, ${r.pnl}. Losses are inside expectations.`],
    salty: [`${r.tag} ${r.side} stopped out ${signedPct(r.move)}. Yes, I lose too. Stop screenshotting it.`, `Market took ${r.pnl} from me on ${r.tag}. It will give it back.`],
    mentor: [`Loss review ${r.tag}: ${r.side} from ${r.entry}, stopped at ${r.exit} (${signedPct(r.move)}). Taking small losses is the job. Post yours too, it helps.`],
    terse: [`${r.tag} ${r.side} stopped. ${signedPct(r.move)}. ${r.pnl}.`],
  };
  return choose((r.won ? wins : losses)[member.voice]);
}

export interface IdeaContext {
  tag: string;
  side: 'long' | 'short';
  entry: string;
  stop: string;
  target: string;
  timeframe: string;
}

const IDEA_REASONS: Readonly<Record<StyleKind, readonly string[]>> = {
  trend: ['Averages aligned, trend intact.', 'Riding the trend until it bends.'],
  donchian: ['Fresh channel break.', 'New closing extreme, turtle rules apply.'],
  breakout: ['Clean range break with room to run.', 'Volatility expansion out of a tight range.'],
  rotation: ['Top of my momentum ranking this week.', 'Strongest name in my universe.'],
  scalp: ['Pullback to the fast EMA in a short-term trend.', 'Quick pullback setup, in and out.'],
  orb: ['Opening range break.', 'Clean break of the first 30 minutes.'],
  swing: ['Pullback in an uptrend, RSI washed out.', 'Dip buy inside the trend.'],
  meanrev: ['Stretched outside the bands, looking for the snapback.', 'Overextended, fading it back to the mean.'],
  carry: ['Carry plus trend on my side.', 'Positive swap, trend agrees.'],
  dip: ['Pullback from the recent high, my favourite setup.', 'Buying the dip with a defined stop.'],
  martingale: ['Doubled size from the last one. Can’t lose forever.', 'One winner fixes the streak.'],
  steady: ['Small size, trend-filtered.', 'Adding a small slice above the average.'],
  degen: ['This one is about to send.', 'Breakout + momentum = moon.'],
  picker: ['Quality name on a discount.', 'Good business, better price.'],
};

/** The text of a post carrying a trade idea. */
export function ideaText(member: MemberProfile, i: IdeaContext, choose: Choose): string {
  const reason = choose(IDEA_REASONS[member.style.kind]);
  const texts: readonly string[] =
    member.voice === 'terse'
      ? [`${i.tag} ${i.side} ${i.entry}, stop ${i.stop}, target ${i.target}.`]
      : [
          `Idea: ${i.side} ${i.tag} around ${i.entry}, stop ${i.stop}, target ${i.target} (${i.timeframe}). ${reason}`,
          `${i.tag} ${i.side} setup on the ${i.timeframe}: entry ${i.entry}, stop ${i.stop}, target ${i.target}. ${reason}`,
          `Watching ${i.tag} for a ${i.side} here. ${reason} Levels: ${i.entry} in, ${i.stop} out, ${i.target} target.`,
        ];
  return withCloser(choose(texts), member.voice, choose);
}

export interface StrategyUpdateContext {
  /** Return of the last 30 days (time-weighted, flows excluded). */
  return30: number;
  trips: number;
  wins: number;
  maxDrawdown: number;
}

/** A post about the member's own published strategy. */
export function strategyUpdate(member: MemberProfile, s: StrategyUpdateContext, choose: Choose): string {
  const name = member.strategy.name;
  const base = `${name}: ${signedPct(s.return30)} over the last 30 days, ${s.trips} round trip${s.trips === 1 ? '' : 's'} closed (${s.wins} won), worst drawdown ${pct(s.maxDrawdown)}.`;
  const extra: Readonly<Record<Voice, readonly string[]>> = {
    calm: ['Every fill is on the stream if you want to check.', 'Steady month.'],
    hype: ['Copy at your own risk 😎', 'More to come 🚀'],
    quant: ['Full history is verifiable on the strategy page.', 'Numbers straight from the signed stream.'],
    salty: ['Unlike some people here, I post the bad months too.', 'Verified, not screenshots.'],
    mentor: ['I post this every month so followers know what to expect, good or bad.', 'Questions about the rules are welcome.'],
    terse: [''],
  };
  const closer = choose(extra[member.voice]);
  return closer ? `${base} ${closer}` : base;
}

/** A post that mentions another member about a shared market. */
export function mentionPost(member: MemberProfile, other: string, c: MarketContext, choose: Choose): string {
  const texts =
    c.position === 'flat'
      ? [`@${other} how are you handling ${c.tag} here? ${signedPct(c.change)} this week and I'm on the sidelines.`, `Good call from @${other} on ${c.tag} earlier. ${c.price} now.`, `Watching ${c.tag} with @${other}'s levels in mind. No position yet.`]
      : [
          `@${other} how are you handling ${c.tag} here? ${signedPct(c.change)} this week and I'm ${c.position}.`,
          `Same read as @${other} on ${c.tag}, different timeframe. I'm ${c.position} at ${c.price}.`,
          `${c.tag} ${signedPct(c.change)} in five days. @${other} still on the other side of this?`,
        ];
  return withCloser(choose(texts), member.voice, choose);
}

/** An open question to the community about a market. */
export function questionPost(member: MemberProfile, c: MarketContext, choose: Choose): string {
  const texts = [
    `What's everyone watching on ${c.tag} this week? ${c.price} now.`,
    `Anyone else trading ${c.tag}? Curious how you size it with ${pct(Math.abs(c.change))} weekly swings.`,
    `${c.tag} ${signedPct(c.change)} on the week. Continuation or reversal, what do you think?`,
  ];
  return withCloser(choose(texts), member.voice, choose);
}

/** What a post is, for the comments it draws. */
export type PostKind = 'market' | 'recap-win' | 'recap-loss' | 'idea' | 'strategy' | 'mention' | 'question';

const REPLIES: Readonly<Record<PostKind, readonly string[]>> = {
  market: ['Agree, same view here.', 'Interesting, I read it the other way.', 'Thanks for the update.', 'What would change your mind?', 'Watching the same level.'],
  'recap-win': ['Nice trade!', 'Clean execution.', 'What was the stop on this one?', 'Textbook.', 'Well played, congrats.'],
  'recap-loss': ['Small loss, good stop.', 'Part of the game.', 'Respect for posting the losers too.', 'Happens to all of us.', 'Did you consider a wider stop?'],
  idea: ['Risk/reward looks decent.', 'Following this one.', 'Stop looks tight for this market.', 'Thanks, adding it to my watchlist.', 'I like the levels.'],
  strategy: ['Thanks for posting the numbers, not just the wins.', 'Consistent.', 'How long have you run these rules?', 'Following the strategy.', 'Solid month.'],
  mention: ['Still holding mine.', 'Ha, good to know I am not alone.', 'Sized down, but still in.', 'Took profits already.'],
  question: ['Continuation, trend is still up.', 'Reversal, it looks tired to me.', 'No position, waiting for a clearer setup.', 'Watching the weekly close.', 'Range-bound until proven otherwise.'],
};

const VOICE_REPLIES: Readonly<Record<Voice, readonly string[]>> = {
  calm: ['Good discipline.', 'Thanks for sharing.'],
  hype: ['LFG 🚀', 'This is the way 🔥', 'bullish'],
  quant: ['What is the sample size on this setup?', 'Would love to see the expectancy over the last 100 trades.'],
  salty: ['Even a broken clock…', 'Let’s see how it looks next month.', 'Bold.'],
  mentor: ['Good process. Results follow.', 'Nice write-up; this is how to journal a trade.'],
  terse: ['👍', 'Noted.'],
};

/** A comment by `commenter` on a post of `kind`; martingale posts draw the warnings they deserve. */
export function commentText(commenter: MemberProfile, kind: PostKind, authorStyle: StyleKind, choose: Choose): string {
  if (authorStyle === 'martingale' && commenter.style.kind !== 'martingale') {
    return choose(['This is how accounts blow up.', 'Doubling down again? Brave.', 'Martingale works until the one time it does not.', 'Please size down, seriously.', 'Your risk score says everything.']);
  }
  const pool = [...REPLIES[kind], ...VOICE_REPLIES[commenter.voice]];
  return choose(pool);
}
