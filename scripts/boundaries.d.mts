export function findBoundaryViolations(root: string, dirs?: string[]): string[];
