import type { ReactNode } from 'react';

export type TBadgeTone = 'neutral' | 'danger' | 'warning' | 'success' | 'info';

/** A small label; its meaning is in its text, never in its colour alone. */
export function Badge({ tone = 'neutral', children, title }: { tone?: TBadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
