/** A problem with the local stack, worded as one sentence saying what is wrong and what to do. */
export class StackError extends Error {}
