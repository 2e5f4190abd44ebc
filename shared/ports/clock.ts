/** Time is passed in: shared/ never reads the system clock itself. */
export interface Clock {
  now(): Date;
}
