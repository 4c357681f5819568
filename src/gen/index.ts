/** Generate: prose or a Compose file → templates with typed slots → a checked app.ts. */
export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export { importCompose, type ImportOptions, type ImportResult } from "./import-compose.js";
export { composeToSlots, type ComposeImport } from "./compose/compose-to-slots.js";
export type { ImportWarning } from "./compose/import-warning.js";
export { AppSlotsSchema, ComponentSlotsSchema, ConnectionSlotsSchema, appSlotsJsonSchema, type AppSlots, type ComponentSlots, type ConnectionSlots } from "./slots.js";
export { checkSlots, type SlotIssue, type SlotCheck, type ExistingPart } from "./check-slots.js";
export { loadTemplates, TemplateSchema, CATEGORIES, type Template, type Category } from "./templates.js";
export { builtinSlots } from "./builtin/builtin-provider.js";
export { askModel, type AskOptions, type ModelAnswer } from "./providers/ask-model.js";
export { chooseProvider, PROVIDERS, type ProviderName, type ProviderChoice } from "./providers/choose-provider.js";
export type { ModelProvider, ModelSettings, Turn } from "./providers/provider.js";
export { renderText, writeRenderedApp, type RenderRequest, type WrittenApp } from "./write-rendered-app.js";
export { typeCheck, synthCheck, type FileToCheck, type SynthCheck } from "./verify.js";
