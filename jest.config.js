/** One jest run for the whole repository; `tsc -b` (run first by `npm test`) is the type gate. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: {
    '^@c2c/(kernel|demo|testing)$': '<rootDir>/$1/src',
    '^@c2c/(partners|resources|referrals|events|students)$': '<rootDir>/subgraphs/$1/src',
    '^@c2c/gateway$': '<rootDir>/gateway/src',
  },
  testTimeout: 120000,
  maxWorkers: 2,
};
