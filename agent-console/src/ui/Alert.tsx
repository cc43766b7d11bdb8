import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface TAlertProps {
  tone?: 'error' | 'info' | 'success';
  title?: ReactNode;
  children?: ReactNode;
  /** the server's request id, for the person to quote to support */
  requestId?: string | undefined;
}

/** A message box; errors are announced to screen readers as they appear. */
export function Alert({ tone = 'info', title, children, requestId }: TAlertProps) {
  const { t } = useTranslation();
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
      {requestId ? <p className="alert__meta">{t('common.requestId', { id: requestId })}</p> : null}
    </div>
  );
}
