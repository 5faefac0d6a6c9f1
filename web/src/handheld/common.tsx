import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Feedback } from '../logic/pickScan';
import { Link } from '../router';

/**
 * The one input of a handheld screen. Keyboard-wedge scanners type the code and Enter;
 * the input takes the focus back whenever it loses it to something that is not a field.
 */
export function ScanInput(props: { onScan: (code: string) => void; placeholder: string; disabled?: boolean; label?: string; inputMode?: 'text' | 'numeric' }) {
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    const onBlur = () => {
      setTimeout(() => {
        const a = document.activeElement as HTMLElement | null;
        const field = a && a !== el && (a.tagName === 'INPUT' || a.tagName === 'SELECT' || a.tagName === 'TEXTAREA');
        if (!field && el.isConnected) el.focus();
      }, 0);
    };
    el.addEventListener('blur', onBlur);
    return () => el.removeEventListener('blur', onBlur);
  }, []);
  return (
    <form
      class="scan-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = value;
        setValue('');
        props.onScan(v);
        ref.current?.focus();
      }}
    >
      <input
        ref={ref}
        class="scan-input"
        name="scan"
        data-testid="scan"
        aria-label={props.label ?? 'Scan'}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        inputMode={props.inputMode ?? 'text'}
        enterKeyHint="enter"
        placeholder={props.placeholder}
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit" class="btn scan-go" aria-label="Enter" disabled={props.disabled}>
        ⏎
      </button>
    </form>
  );
}

/** Right and wrong scans: colour and text. */
export function FeedbackPanel({ fb }: { fb: Feedback | null }) {
  if (!fb) return <div class="feedback empty" aria-live="polite" data-testid="feedback" />;
  const icon = fb.kind === 'ok' ? '✔' : fb.kind === 'error' ? '✖' : 'ℹ';
  return (
    <div class={`feedback ${fb.kind}`} role={fb.kind === 'error' ? 'alert' : 'status'} aria-live="assertive" data-testid="feedback" data-kind={fb.kind}>
      <span class="feedback-icon" aria-hidden="true">
        {icon}
      </span>
      <span class="feedback-text">{fb.text}</span>
      {fb.code && fb.kind === 'error' && <code class="feedback-code">{fb.code}</code>}
    </div>
  );
}

export function HandheldPage(props: { title: string; back?: string; children: ComponentChildren; right?: ComponentChildren }) {
  return (
    <div class="hh">
      <div class="hh-head">
        <Link href={props.back ?? '/handheld'} class="btn ghost hh-back" aria-label="Back">
          ←
        </Link>
        <h1>{props.title}</h1>
        {props.right}
      </div>
      {props.children}
    </div>
  );
}

export function Steps(props: { steps: string[]; current: number }) {
  return (
    <ol class="hh-steps">
      {props.steps.map((s, i) => (
        <li key={s} class={i < props.current ? 'done' : i === props.current ? 'current' : ''}>
          {s}
        </li>
      ))}
    </ol>
  );
}
