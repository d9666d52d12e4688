/** Thin wrappers over React Aria Components so every control has a label, hint and error. */
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Checkbox as AriaCheckbox,
  type ButtonProps,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({ variant = 'primary', className, ...props }: ButtonProps & { variant?: Variant }) {
  return <AriaButton {...props} className={`btn btn--${variant}${className ? ` ${className}` : ''}`} />;
}

interface TextProps {
  label: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  description?: string;
  type?: string;
  isRequired?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  maxLength?: number;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel';
  autoFocus?: boolean;
  className?: string;
}

export function TextInput({ label, description, multiline, type = 'text', className, inputMode, ...rest }: TextProps) {
  return (
    <TextField
      {...rest}
      type={multiline ? undefined : type}
      className={`field${className ? ` ${className}` : ''}`}
      validationBehavior="native"
    >
      <Label className="field__label">
        {label}
        {rest.isRequired && <span className="field__required"> *</span>}
      </Label>
      {description && (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      )}
      {multiline ? (
        <TextArea className="field__input field__textarea" rows={4} />
      ) : (
        <Input className="field__input" inputMode={inputMode} />
      )}
      <FieldError className="field__error" />
    </TextField>
  );
}

export interface Option {
  id: string;
  label: string;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  placeholder,
  description,
  isRequired,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Option[];
  placeholder?: string;
  description?: string;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  const hasEmpty = options.some((o) => o.id === '');
  if (!placeholder) placeholder = hasEmpty ? options.find((o) => o.id === '')!.label : t('common.choose');
  return (
    <Select
      className="field"
      selectedKey={value || null}
      onSelectionChange={(k) => onChange(k === null ? '' : String(k))}
      placeholder={placeholder}
      isRequired={isRequired}
    >
      <Label className="field__label">{label}</Label>
      {description && (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      )}
      <AriaButton className="field__input select__button">
        <SelectValue />
        <span aria-hidden="true" className="select__chevron">
          ▾
        </span>
      </AriaButton>
      <Popover className="select__popover">
        <ListBox className="select__list" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} className="select__option" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function CheckboxField({
  children,
  isSelected,
  onChange,
  description,
}: {
  children: ReactNode;
  isSelected: boolean;
  onChange: (v: boolean) => void;
  description?: string;
}) {
  return (
    <AriaCheckbox className="checkbox" isSelected={isSelected} onChange={onChange}>
      <span className="checkbox__box" aria-hidden="true">
        {isSelected ? '✓' : ''}
      </span>
      <span>
        {children}
        {description && <span className="checkbox__hint">{description}</span>}
      </span>
    </AriaCheckbox>
  );
}

export function RadioField({
  label,
  value,
  onChange,
  options,
  isRequired,
  orientation = 'vertical',
  tiles = false,
  description,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: (Option & { hint?: string })[];
  isRequired?: boolean;
  orientation?: 'horizontal' | 'vertical';
  tiles?: boolean;
  description?: string;
}) {
  return (
    <RadioGroup
      className={`radio-group radio-group--${orientation}${tiles ? ' radio-group--tiles' : ''}`}
      value={value || null}
      onChange={onChange}
      isRequired={isRequired}
      orientation={orientation}
    >
      <Label className="field__label">
        {label}
        {isRequired && <span className="field__required"> *</span>}
      </Label>
      {description && (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      )}
      <div className="radio-group__options">
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="radio">
            <span className="radio__dot" aria-hidden="true" />
            <span>
              <span className="radio__label">{o.label}</span>
              {o.hint && <span className="radio__hint">{o.hint}</span>}
            </span>
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
