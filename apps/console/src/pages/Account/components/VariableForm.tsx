import { checkVariableName, checkVariableValue, Limits } from "@gatehouse/shared";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Field, InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** Create (name editable) or edit (name fixed) a variable. */
export function VariableForm({
  initialName = "",
  initialValue = "",
  editing,
  busy,
  serverError,
  onSave,
  onCancel,
}: {
  initialName?: string;
  initialValue?: string;
  editing: boolean;
  busy: boolean;
  serverError: ReactNode;
  onSave(name: string, value: string): void;
  onCancel?(): void;
}) {
  const [name, setName] = useState(initialName);
  const [value, setValue] = useState(initialValue);
  const [nameError, setNameError] = useState<string | null>(null);
  const [valueError, setValueError] = useState<string | null>(null);
  const prefix = editing ? `var-edit-${initialName}` : "var-new";
  const valueRef = useRef<HTMLTextAreaElement>(null);
  // Opened by a click on Edit (or "Edit X" after a refused add): the value is what to type.
  useEffect(() => {
    if (editing) valueRef.current?.focus();
  }, [editing]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const n = checkVariableName(name.trim());
    const v = value.length === 0 ? "Value is required." : checkVariableValue(value);
    setNameError(n);
    setValueError(v);
    if (n || v) return;
    onSave(name.trim(), value);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="var-form"
      aria-label={editing ? `Edit ${initialName}` : "New variable"}
    >
      {serverError ? <Alert kind="error">{serverError}</Alert> : null}
      <InputField
        id={`${prefix}-name`}
        label="Name"
        error={nameError}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={Limits.variableNameMax}
        value={name}
        readOnly={editing}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        id={`${prefix}-value`}
        label="Value"
        error={valueError}
        hint="Stored encrypted with the server's secret key."
      >
        {(control) => (
          <textarea
            {...control}
            autoComplete="off"
            spellCheck={false}
            ref={valueRef}
            value={value}
            placeholder={editing ? "Type the new value" : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Saving…" : editing ? "Save" : "Add variable"}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
