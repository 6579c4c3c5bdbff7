/** A field's error under it, as the API or the form's own checks put it; nothing without one. */
export function FieldError({ text, id }: { text: string | undefined; id?: string }) {
  return text ? (
    <div className="field-error" id={id} role="alert">
      {text}
    </div>
  ) : null;
}
