export * from './definition.ts';
export * from './advance.ts';
