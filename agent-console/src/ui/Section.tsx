import type { ReactNode } from 'react';

interface TSectionProps {
  title: ReactNode;
  /** a short count or note beside the title */
  aside?: ReactNode;
  children: ReactNode;
  id?: string;
  className?: string;
  /** heading level: 2 on a page, 3 inside a household card */
  level?: 2 | 3;
}

/** A titled panel; the heading level is h2 so a page reads as an outline. */
export function Section({ title, aside, children, id, className, level = 2 }: TSectionProps) {
  const headingId = id ? `${id}-title` : undefined;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={['panel', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={headingId} id={id}>
      <header className="panel__header">
        <Heading className="panel__title" id={headingId}>
          {title}
        </Heading>
        {aside ? <div className="panel__aside">{aside}</div> : null}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
