import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { errorText, fieldErrorsOf } from './format';

/**
 * The one way a form sends itself: validate beside the fields, call the API, and put the server's answer where
 * the clerk looks — a field's own message under that field, anything else as one Chinese sentence (`error`).
 * `fields` names the form's fields the server may report on.
 */
export function useFormSubmit<V extends object>(form: FormInstance<V>, fields: readonly string[]) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = useCallback(
    async (send: (values: V) => Promise<void>) => {
      setError(null);
      let values: V;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      setSaving(true);
      try {
        await send(values);
      } catch (e) {
        const fe = fieldErrorsOf(e);
        const known = fields.filter((f) => fe[f]);
        if (known.length) form.setFields(known.map((f) => ({ name: f as never, errors: [fe[f]!] })));
        else setError(errorText(e));
      } finally {
        setSaving(false);
      }
    },
    [form, fields],
  );
  return { saving, error, setError, submit };
}
