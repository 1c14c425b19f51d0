import { NoticeBox } from './ErrorMessage.js';
import { useNotices } from './notices.store.js';

/** The dismissible messages of the whole app, above the current screen. */
export function NoticeBanner() {
  const notices = useNotices((state) => state.notices);
  const dismiss = useNotices((state) => state.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notice-banner" data-testid="notice-banner">
      {notices.map((notice) => (
        <NoticeBox
          key={notice.id}
          kind={notice.kind}
          code={notice.code}
          message={notice.message}
          lines={notice.lines}
          onDismiss={() => dismiss(notice.id)}
          testId={notice.kind === 'error' ? 'error-notice' : 'info-notice'}
        />
      ))}
    </div>
  );
}
