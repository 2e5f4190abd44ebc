/** Time is passed in; shared/ never calls Date.now(). */
export interface Clock {
  now(): Date;
}
