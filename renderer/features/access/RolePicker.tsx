import { roleDescriptions, roleOptions, toggled, type RoleName } from './access-form.js';

interface RolePickerProps {
  value: RoleName[];
  onChange: (roles: RoleName[]) => void;
  disabled?: boolean;
  /** Prefixes each box's test id: `<testId>-<role>`. */
  testId: string;
}

/** The roles as ticked boxes, each with what it is for as its tooltip. */
export function RolePicker({ value, onChange, disabled, testId }: RolePickerProps) {
  return (
    <fieldset className="access-choices" disabled={disabled} data-testid={testId}>
      <legend className="param-label">Roles</legend>
      {roleOptions.map((role) => (
        <label key={role} className="checkbox" title={roleDescriptions[role]}>
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(event) => onChange(toggled(roleOptions, value, role, event.target.checked))}
            data-testid={`${testId}-${role}`}
          />
          {role}
        </label>
      ))}
    </fieldset>
  );
}
