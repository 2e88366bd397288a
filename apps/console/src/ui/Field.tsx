import type { ComponentProps, ReactNode } from "react";

/** What a control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * A label, one control, an optional hint and an optional error, wired together: the label's
 * htmlFor, and aria-describedby/aria-invalid on the control so a screen reader reads the error
 * (then the hint) with the field. The control is a render prop so it stays a plain
 * input/textarea/select with its own attributes.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children(control: FieldControlProps): ReactNode;
}) {
  const errorId = error ? `${id}-error` : null;
  const hintId = hint ? `${id}-hint` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hintId ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {errorId ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The common case: a Field around a plain <input>; every other prop goes to the input.
 * `maxLength` is not handed to the browser, which would silently drop what is typed or
 * pasted past it: going over shows an error instead, and the form's own check refuses it.
 */
export function InputField({
  id,
  label,
  hint,
  error,
  fieldClassName,
  maxLength,
  ...input
}: Omit<ComponentProps<"input">, "id"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  fieldClassName?: string;
}) {
  const length = typeof input.value === "string" ? input.value.length : 0;
  const tooLong =
    maxLength !== undefined && length > maxLength
      ? `At most ${maxLength} characters: this has ${length}.`
      : null;
  return (
    <Field id={id} label={label} hint={hint} error={error || tooLong} className={fieldClassName}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}
