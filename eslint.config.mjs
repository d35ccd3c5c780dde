import nx from '@nx/eslint-plugin';

// Domain libraries stay pure: no framework, no database, no file or network I/O.
const impureModules = [
  '@nestjs/*', 'pg', '@electric-sql/*', '@eventstore/*', 'express', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises',
  'net', 'node:net', 'http', 'node:http', 'child_process', 'node:child_process',
];

const depConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: impureModules },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:domain', 'type:data'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:feature'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:feature', 'type:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data', 'type:feature', 'type:testing', 'type:app'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', 'apps/web/dist', 'data', 'coverage'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The `ledger` command starts the API and shares its configuration: the one app import allowed.
          allow: ['@ledger/api'],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Specs of any library may use the shared store fixtures of @ledger/testing; production code may not.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@ledger/api', '@ledger/testing'],
          depConstraints,
        },
      ],
    },
  },
];
