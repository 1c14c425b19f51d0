import type { ClientError } from '../../api/client.js';
import { plainError } from './plain-errors.js';

interface ErrorMessageProps {
  error: ClientError;
  onDismiss?: () => void;
  testId?: string;
}

/** An error as a person reads it: code, message, and the invalid fields in plain words if any. Never raw JSON. */
export function ErrorMessage({ error, onDismiss, testId }: ErrorMessageProps) {
  const plain = plainError(error);
  return (
    <NoticeBox kind="error" code={error.code} message={plain.message} lines={plain.lines} onDismiss={onDismiss} testId={testId} />
  );
}

interface NoticeBoxProps {
  kind: 'error' | 'info';
  code?: string | undefined;
  message: string;
  lines: string[];
  onDismiss?: (() => void) | undefined;
  testId?: string | undefined;
}

export function NoticeBox({ kind, code, message, lines, onDismiss, testId }: NoticeBoxProps) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div className="notice-body">
        {code && <span className="notice-code">{code}</span>}
        <span className="notice-message">{message}</span>
        {lines.length > 0 && (
          <ul className="notice-lines">
            {lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="notice-dismiss" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
