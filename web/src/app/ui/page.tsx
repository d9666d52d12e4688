import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';

/**
 * The page's one h1. It takes focus when the page opens so screen-reader and keyboard users
 * land at the new content after client-side navigation, and it names the browser tab.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} | ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="page-heading__actions">{children}</div>}
    </div>
  );
}

/** The server's translated message, announced at once. */
export function ErrorAlert({ error }: { error: ApiError | Error | null | undefined }) {
  if (!error) return null;
  return (
    <div role="alert" className="alert alert--error">
      <span aria-hidden="true" className="alert__icon">
        !
      </span>
      <span>{error.message}</span>
    </div>
  );
}

export function SuccessNote({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="alert alert--success">
      <span aria-hidden="true" className="alert__icon">
        ✓
      </span>
      <span>{children}</span>
    </div>
  );
}

export function Loading({ show = true }: { show?: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}

export function Section({
  title,
  children,
  id,
  headingLevel = 2,
}: {
  title: string;
  children: ReactNode;
  id?: string;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const hid = id ?? `s-${title.replace(/\s+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={hid}>
      <H id={hid} className="card__title">
        {title}
      </H>
      {children}
    </section>
  );
}

/** A description list of label/value pairs. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Horizontal scroll box for wide tables; focusable so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable)
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
