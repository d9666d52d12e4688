import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { Button } from './fields';
import './paper.css';

/** 「印刷」: the browser's print dialog (the page's print CSS lays out the paper). */
export function PrintButton({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" className="no-print" onPress={() => window.print()}>
      {label ?? t('paper.print.button')}
    </Button>
  );
}

/** The municipality and the print date, at the head of a printed page. */
export function PrintMeta({ tenant }: { tenant: string }) {
  const { t } = useTranslation();
  return (
    <p className="print-sheet__meta">
      <span className="block">{tenant}</span>
      <span className="block">{t('paper.print.printedAt', { at: formatDateTime(new Date().toISOString()) })}</span>
    </p>
  );
}

/** A header that only paper shows (console pages printed as they are, e.g. the KPI report). */
export function PrintHeader({ title, tenant }: { title: string; tenant: string }) {
  return (
    <div className="print-header" aria-hidden="true">
      <strong>{title}</strong>
      <PrintMeta tenant={tenant} />
    </div>
  );
}
