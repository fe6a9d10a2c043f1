// A text field that suggests records as one types, chosen from the keyboard: the WAI-ARIA 1.2
// combobox pattern with a listbox popup and list autocomplete
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): the focus stays in the field, the
// active option is aria-activedescendant; Down and Up move through the options (Down opens
// the list), Enter takes the active option, Escape closes the list or, closed, empties the
// field; a click takes an option too. Suggestions come from `search` a moment after the last
// keystroke (earlier answers are dropped), and how many there are is said in a polite live
// region. An optional last option creates a new record from what was typed.
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tp } from '../i18n';
import { describedBy, Wrapper } from './fields';

/** How long typing must pause before the search runs (ms). */
const DEBOUNCE_MS = 200;

export interface ComboboxProps<T> {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  selected: T | null;
  onSelect: (item: T | null) => void;
  /** The suggestions for what was typed (trimmed, at least minLength characters). */
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  minLength?: number;
  itemKey: (item: T) => number;
  itemLabel: (item: T) => string;
  /** A second line of an option (a CVR number, a city). */
  itemDetail?: (item: T) => string | undefined;
  /** The text of the last option, which creates a record named what was typed. */
  createLabel?: (text: string) => string;
  onCreate?: (text: string) => void;
  /** Called when a search fails (the caller may know why, e.g. a register to choose). */
  onSearchError?: (err: unknown) => void;
  inputRef?: Ref<HTMLInputElement>;
}

type Option<T> = { kind: 'item'; item: T } | { kind: 'create'; text: string };

export function Combobox<T>(props: ComboboxProps<T>) {
  const { id, label, hint, error, selected, onSelect, itemKey, itemLabel } = props;
  const minLength = props.minLength ?? 1;
  const [text, setText] = useState(selected ? itemLabel(selected) : '');
  const [items, setItems] = useState<T[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [failed, setFailed] = useState(false);
  const searchFor = useRef<string | null>(null);
  const listId = `${id}-listbox`;

  // A choice made outside the field (a reset after a save, a record created) shows its name.
  const selectedKey = selected ? itemKey(selected) : null;
  useEffect(() => {
    setText(selected ? itemLabel(selected) : '');
    setOpen(false);
    setActive(-1);
  }, [selectedKey]);

  useEffect(() => {
    const q = text.trim();
    if (searchFor.current === null || q.length < minLength) {
      setItems(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      props.search(q, controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setFailed(false);
          setItems(found);
          setActive(-1);
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setFailed(true);
          setItems(null);
          props.onSearchError?.(err);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [text]);

  const q = text.trim();
  const exact = items?.some((item) => itemLabel(item).toLocaleLowerCase() === q.toLocaleLowerCase()) ?? false;
  const options: Option<T>[] = (items ?? []).map((item) => ({ kind: 'item', item }) as Option<T>);
  if (items !== null && props.onCreate && props.createLabel && !exact && q !== '') options.push({ kind: 'create', text: q });
  const shown = open && options.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (option: Option<T>) => {
    setOpen(false);
    setActive(-1);
    searchFor.current = null;
    if (option.kind === 'create') {
      props.onCreate?.(option.text);
      return;
    }
    setText(itemLabel(option.item));
    onSelect(option.item);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (options.length === 0) return;
      e.preventDefault();
      if (!open || e.altKey) {
        setOpen(true);
        if (e.altKey) return;
      }
      const last = options.length - 1;
      if (e.key === 'ArrowDown') setActive((n) => (!open || n >= last ? 0 : n + 1));
      else setActive((n) => (!open || n <= 0 ? last : n - 1));
    } else if (e.key === 'Enter') {
      const option = shown && active >= 0 ? options[active] : undefined;
      if (option) {
        e.preventDefault();
        choose(option);
      }
    } else if (e.key === 'Escape') {
      // Handled here, so that a form that closes on Escape stays open.
      if (shown) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if (text !== '') {
        e.preventDefault();
        e.stopPropagation();
        searchFor.current = null;
        setText('');
        if (selected) onSelect(null);
      }
    }
  };

  const onInput = (value: string) => {
    searchFor.current = value;
    setText(value);
    setOpen(true);
    setActive(-1);
    if (selected) onSelect(null);
  };

  let status = '';
  if (failed) status = t('combobox.failed');
  else if (open && items !== null) {
    status = items.length === 0 ? t('combobox.none') : tp('combobox.count', items.length);
    if (options.length > items.length) status = `${status} ${t('combobox.createHint')}`;
  }
  return (
    <Wrapper id={id} label={label} hint={hint} error={error}>
      <div class="combobox-wrapper">
        <input
          ref={props.inputRef ?? null}
          class="form-input"
          type="text"
          id={id}
          name={id}
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={shown ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, error)}
          value={text}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label={label} class="combobox-list nobullet-list" hidden={!shown}>
          {shown
            ? options.map((option, i) => (
                <li
                  key={option.kind === 'item' ? itemKey(option.item) : 'create'}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active ? 'true' : 'false'}
                  class={`combobox-option${i === active ? ' combobox-option-active' : ''}${option.kind === 'create' ? ' combobox-option-create' : ''}`}
                  // The field keeps the focus: the choice is made on mousedown's click.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(option)}
                >
                  {option.kind === 'item' ? (
                    <>
                      <span class="combobox-option-name">{itemLabel(option.item)}</span>
                      {props.itemDetail?.(option.item) ? (
                        <span class="combobox-option-detail">{props.itemDetail(option.item)}</span>
                      ) : null}
                    </>
                  ) : (
                    props.createLabel?.(option.text)
                  )}
                </li>
              ))
            : null}
        </ul>
      </div>
      <span class="sr-only" role="status">
        {status}
      </span>
    </Wrapper>
  );
}
