/** A form's error that belongs to no single field, as one Chinese sentence under the form (useFormSubmit's `error`). */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <div className="text-error" role="alert">
      {error}
    </div>
  );
}
