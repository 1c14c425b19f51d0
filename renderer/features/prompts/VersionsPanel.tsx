import { formatTime } from './prompt-time.js';
import type { PromptDetail } from './prompts.store.js';

interface VersionsPanelProps {
  detail: PromptDetail;
  onCompare: (base: string, head: string) => void;
  onTry: (ref: string) => void;
}

/** Every version, newest first, with what changed, who and when; a version can be diffed with the one before. */
export function VersionsPanel({ detail, onCompare, onTry }: VersionsPanelProps) {
  const { versions, prompt } = detail;
  return (
    <div className="panel prompt-versions">
      <div className="panel-header">
        <span className="panel-label">Versions</span>
      </div>
      <div className="table-scroll">
        <table className="table" data-testid="prompts-versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Message</th>
              <th>Author</th>
              <th>Time</th>
              <th>Labels</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((version, index) => {
              const previous = versions[index + 1];
              return (
                <tr key={version.version} data-testid="prompts-version-row" data-version={version.version}>
                  <td className="cell-mono prompt-semver">{version.version}</td>
                  <td className="prompt-message" title={version.message}>
                    {version.message}
                  </td>
                  <td>{version.author || <span className="muted">—</span>}</td>
                  <td title={version.createdAt}>{formatTime(version.createdAt)}</td>
                  <td>
                    {version.labels.map((label) => (
                      <span key={label} className="tag">
                        {label}
                      </span>
                    ))}
                  </td>
                  <td className="cell-actions">
                    {previous && (
                      <button type="button" className="row-action" onClick={() => onCompare(previous.version, version.version)} data-testid="prompts-version-compare">
                        Diff with {previous.version}
                      </button>
                    )}
                    <button type="button" className="row-action" onClick={() => onTry(`${prompt.name}@${version.version}`)} data-testid="prompts-version-try">
                      Try
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
