export * from './definition.ts';
export * from './conditions.ts';
export * from './state.ts';
export * from './actions.ts';
export { advance, initialState, liveTasks, type AdvanceResult } from './advance.ts';
export { indexTree, pathTo } from './tree.ts';
export { validateDefinition, type DefinitionProblem } from './validate.ts';
export { previewPath, type PreviewStep } from './preview.ts';
export { canWithdraw, nodesToChooseAfter, removablePeople, sendBackTargets } from './queries.ts';
