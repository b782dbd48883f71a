/**
 * The subset of Adaptive Card 1.5 JSON these cards use, typed so that the design rules hold by
 * construction: every TextBlock wraps, colours are the host's named ones (readable in Teams' dark
 * theme), container styles are emphasis/accent only, and columns are `auto` or `stretch`.
 */
import type { Lang } from '../knowledge/labels';

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextColor = 'default' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyle = 'emphasis' | 'accent';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap: true;
  style?: 'default' | 'heading';
  size?: 'small' | 'default' | 'medium' | 'large';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
}

export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch';
  items: CardElement[];
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** Mandatory on every input: screen readers announce it. */
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  maxLength?: number;
  isMultiline?: boolean;
  style?: 'text' | 'tel' | 'email' | 'url';
  regex?: string;
}

export interface Choice {
  title: string;
  value: string;
}

export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  value?: string;
  style?: 'compact' | 'expanded';
  placeholder?: string;
}

export interface InputToggle extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value: 'true' | 'false';
  valueOn: 'true';
  valueOff: 'false';
}

export type CardInput = InputText | InputChoiceSet | InputToggle;
export type CardElement = TextBlock | Container | ColumnSet | FactSet | ActionSet | CardInput;

/** What an action sends back: always the verb plus ids, never identity or role. */
export type ActionData = { verb: string } & Record<string, string | number | boolean | string[] | null>;

interface ActionBase {
  title: string;
  id?: string;
  style?: 'default' | 'positive' | 'destructive';
}

export interface ExecuteAction extends ActionBase {
  type: 'Action.Execute';
  verb: string;
  data: ActionData;
  associatedInputs?: 'auto' | 'none';
}

export interface SubmitAction extends ActionBase {
  type: 'Action.Submit';
  data: ActionData;
  associatedInputs?: 'auto' | 'none';
}

export interface OpenUrlAction extends ActionBase {
  type: 'Action.OpenUrl';
  url: string;
}

export interface ToggleVisibilityAction extends ActionBase {
  type: 'Action.ToggleVisibility';
  targetElements: string[];
}

export interface ShowCardAction extends ActionBase {
  type: 'Action.ShowCard';
  card: { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] };
}

export type VerbAction = ExecuteAction | SubmitAction;
export type CardAction = VerbAction | OpenUrlAction | ToggleVisibilityAction | ShowCardAction;

export interface CardRefresh {
  action: { type: 'Action.Execute'; verb: string; data: ActionData };
  userIds?: string[];
}

/**
 * A whole card. Callers wrap it with botbuilder's CardFactory.adaptiveCard(). No root `lang`: the
 * texts are already in the person's language, dates are formatted here, and the adaptivecards
 * parser's `lang` check is stateful (a global RegExp) and rejects every second valid value.
 */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
}

/** Options every card takes. */
export interface LangOption {
  lang: Lang;
}
