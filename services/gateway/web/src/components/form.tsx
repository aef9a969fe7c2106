import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { ApiResult } from '../api/client';
import type { Problem } from '../api/problem';

interface FieldProps {
  label: string;
  hint?: string;
  problem?: Problem | null;
  /** The request field this input fills, as the API names it in a problem. */
  name: string;
  /** Renders the control with the id and description ids that tie it to its label. */
  children: (control: { id: string; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled field; the problem's words appear under it when the API named this field. */
export function Field({ label, hint, problem, name, children }: FieldProps) {
  const id = useId();
  const fieldProblem = problem && problem.field === name ? problem : null;
  const described = [hint ? `${id}-hint` : '', fieldProblem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${fieldProblem ? ' invalid' : ''}`}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': described || undefined })}
      {hint && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {fieldProblem && (
        <span class="field-problem" id={`${id}-problem`}>
          {fieldProblem.detail ?? fieldProblem.title}
        </span>
      )}
    </div>
  );
}

/**
 * Runs one submit at a time and keeps its problem: `busy` disables the button so a double
 * click does not send twice.
 */
export function useSubmit<T>(action: () => Promise<ApiResult<T>>, onDone: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await action();
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setProblem(result.problem);
  };
  return { busy, problem, submit: (event?: Event) => void submit(event) };
}
