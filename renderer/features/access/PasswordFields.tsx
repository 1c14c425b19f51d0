import { passwordProblem } from './access-form.js';

interface PasswordFieldsProps {
  password: string;
  again: string;
  onChange: (password: string, again: string) => void;
  label?: string;
  disabled?: boolean;
  /** Test ids: `<testId>` and `<testId>-again`. */
  testId: string;
}

/** A new password typed twice, with what is wrong with the pair once both are typed. */
export function PasswordFields({ password, again, onChange, label = 'Password', disabled, testId }: PasswordFieldsProps) {
  const problem = again === '' ? null : passwordProblem(password, again);
  return (
    <>
      <label className="param">
        <span className="param-label">{label}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          disabled={disabled}
          value={password}
          onChange={(event) => onChange(event.target.value, again)}
          data-testid={testId}
        />
      </label>
      <label className="param">
        <span className="param-label">Again</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          disabled={disabled}
          value={again}
          onChange={(event) => onChange(password, event.target.value)}
          aria-invalid={problem !== null}
          data-testid={`${testId}-again`}
        />
      </label>
      {problem && (
        <span className="hint hint-warn access-password-problem" role="status">
          {problem}
        </span>
      )}
    </>
  );
}
