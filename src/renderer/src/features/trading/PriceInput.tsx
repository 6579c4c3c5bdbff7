import type { KeyboardEvent } from 'react';
import { parseNumber, stepPrice } from './order-math';

interface PriceInputProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  tickSize: number;
  precision: number;
  /** Where ↑ starts from when the field is blank (the live price). */
  fallback: number | undefined;
  invalid: boolean;
  describedBy?: string;
}

/** A price field that steps by the instrument's tick: ↑ ↓ one tick, with Shift ten. */
export function PriceInput({ id, label, value, onChange, tickSize, precision, fallback, invalid, describedBy }: PriceInputProps) {
  const step = (ticks: number): void => {
    const base = parseNumber(value) ?? fallback;
    if (base === undefined) return;
    onChange(stepPrice(base, tickSize, ticks).toFixed(precision));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    step((e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 10 : 1));
  };
  return (
    <span className="stepper">
      <input
        id={id}
        className="field num"
        inputMode="decimal"
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <span className="stepper-buttons">
        <button type="button" tabIndex={-1} aria-label={`${label} up one tick`} onClick={() => step(1)}>
          ▲
        </button>
        <button type="button" tabIndex={-1} aria-label={`${label} down one tick`} onClick={() => step(-1)}>
          ▼
        </button>
      </span>
    </span>
  );
}
