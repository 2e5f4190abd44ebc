import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JitterType,
  LogLevel,
  Map as MapState,
  ProvideItems,
  QueryLanguage,
  type RetryProps,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CASE_WITHDRAWN_ERROR, STATE_NAMES, TRANSIENT_ERROR } from '../../shared/workflow/contract';

/** Errors of the Lambda service itself (not of our handlers): safe and useful to retry. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
] as const;

const LAMBDA_RETRY: RetryProps = {
  errors: [...LAMBDA_SERVICE_ERRORS],
  interval: Duration.seconds(2),
  maxAttempts: 6,
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
  jitterStrategy: JitterType.FULL,
};

/**
 * Our handlers' own transient failures (throttling by SES or DynamoDB, a version conflict: see
 * TRANSIENT_ERRORS), which functions/task.ts reports under the one name TRANSIENT_ERROR. Full
 * jitter, because a step's units run in parallel and would otherwise collide again at the same
 * instant (the SES sandbox sends one message per second). 2, 4, … capped at 60 s: six retries
 * span up to about two minutes, long enough to outlast a throttling burst or a brief outage,
 * short enough that a real failure still reaches the secretariat the same hour.
 */
export const TRANSIENT_RETRY: RetryProps = {
  errors: [TRANSIENT_ERROR],
  interval: Duration.seconds(2),
  maxAttempts: 6,
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
  jitterStrategy: JitterType.FULL,
};

/** Every Lambda task: service errors and transient handler errors are retried, separately. */
function addRetries(task: LambdaInvoke): void {
  task.addRetry(LAMBDA_RETRY);
  task.addRetry(TRANSIENT_RETRY);
}

/** Error name of the Fail state after the secretariat has been told. */
export const WORKFLOW_FAILED_ERROR = 'Beslutningsflyt.WorkflowFailed';

export interface CaseWorkflowFunctions {
  readonly advanceCase: IFunction;
  readonly startStepUnit: IFunction;
  readonly handleUnitTimeout: IFunction;
  readonly notifyFailure: IFunction;
}

export interface CaseWorkflowProps {
  readonly functions: CaseWorkflowFunctions;
}

/**
 * The case workflow: one generic, data-driven loop (shape and names fixed by
 * shared/workflow/contract.ts). Standard type, because a case waits weeks for answers
 * (Express stops after 5 minutes) and .waitForTaskToken is Standard-only.
 *
 * The state machine has a fixed physical name so its ARN can be written down before it
 * exists: see `arnFor`.
 */
export class CaseWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly stateMachineName: string;
  readonly logGroup: LogGroup;

  /** Physical name of the workflow in a given stack. */
  static nameFor(stack: Stack): string {
    return `${stack.stackName}-case-workflow`;
  }

  /**
   * The workflow's ARN as a plain string. The task Lambdas (start-step-unit) need
   * states:SendTaskSuccess on the very state machine that invokes them; granting it with the
   * state machine's token would make the function depend on the state machine, which already
   * depends on the function (CloudFormation cycle). A constructed ARN of the fixed name carries
   * the same permission without the dependency.
   */
  static arnFor(stack: Stack): string {
    return stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: CaseWorkflow.nameFor(stack),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  constructor(scope: Construct, id: string, props: CaseWorkflowProps) {
    super(scope, id);
    const fns = props.functions;

    const failed = new Fail(this, STATE_NAMES.failed, {
      stateName: STATE_NAMES.failed,
      error: WORKFLOW_FAILED_ERROR,
      cause: 'The case workflow stopped; the secretariat has been notified.',
    });
    const notifyFailure = LambdaInvoke.jsonata(this, STATE_NAMES.notifyFailure, {
      stateName: STATE_NAMES.notifyFailure,
      lambdaFunction: fns.notifyFailure,
      payload: TaskInput.fromText('{% $states.input %}'),
      outputs: '{% $states.input %}',
      retryOnServiceExceptions: false,
    });
    addRetries(notifyFailure);
    notifyFailure.next(failed);
    /** Catch output for NotifyFailure: the case and the error (NotifyFailureInput). */
    const failureOutput =
      '{% {"caseId": $states.input.caseId, "error": $states.errorOutput.Error, "cause": $states.errorOutput.Cause} %}';

    const advance = LambdaInvoke.jsonata(this, STATE_NAMES.advance, {
      stateName: STATE_NAMES.advance,
      lambdaFunction: fns.advanceCase,
      // AdvanceInput: the execution input has no `completed`, the Map's output has one.
      payload: TaskInput.fromText(
        '{% {"caseId": $states.input.caseId, "completed": $exists($states.input.completed) ? $states.input.completed : null} %}',
      ),
      outputs: '{% $states.result.Payload %}',
      retryOnServiceExceptions: false,
    });
    addRetries(advance);
    advance.addCatch(notifyFailure, { errors: ['States.ALL'], outputs: failureOutput });

    const unitDone = new Succeed(this, STATE_NAMES.unitDone, { stateName: STATE_NAMES.unitDone });

    const awaitUnit = LambdaInvoke.jsonata(this, STATE_NAMES.awaitUnit, {
      stateName: STATE_NAMES.awaitUnit,
      lambdaFunction: fns.startStepUnit,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      // StartUnitInput
      payload: TaskInput.fromObject({
        unit: '{% $states.input %}',
        taskToken: '{% $states.context.Task.Token %}',
      }),
      // Until the next reminder, or the final deadline when no reminders are left.
      taskTimeout: Timeout.jsonata('{% $states.input.waitSeconds %}'),
      // The UnitResult sent with SendTaskSuccess.
      outputs: '{% $states.result %}',
      retryOnServiceExceptions: false,
    });
    addRetries(awaitUnit);

    const unitTimedOut = LambdaInvoke.jsonata(this, STATE_NAMES.unitTimedOut, {
      stateName: STATE_NAMES.unitTimedOut,
      lambdaFunction: fns.handleUnitTimeout,
      // UnitTimeoutInput
      payload: TaskInput.fromText('{% {"unit": $states.input.unit} %}'),
      outputs: '{% $states.result.Payload %}',
      retryOnServiceExceptions: false,
    });
    addRetries(unitTimedOut);

    const remindOrClose = Choice.jsonata(this, STATE_NAMES.remindOrClose, {
      stateName: STATE_NAMES.remindOrClose,
      // UnitTimeoutOutput → the next unit to wait for (StepUnit) or the final UnitResult.
      outputs: '{% $states.input.action = "wait" ? $states.input.unit : $states.input.result %}',
    });
    remindOrClose
      .when(Condition.jsonata('{% $states.input.action = "wait" %}'), awaitUnit)
      .when(Condition.jsonata('{% $states.input.action = "closed" %}'), unitDone);

    awaitUnit.addCatch(unitTimedOut, {
      errors: ['States.Timeout'],
      outputs: '{% {"unit": $states.input} %}',
    });
    // withdraw-case fails every waiting unit with this error (SendTaskFailure).
    awaitUnit.addCatch(unitDone, {
      errors: [CASE_WITHDRAWN_ERROR],
      outputs: '{% {"unitId": $states.input.unitId, "outcome": "withdrawn"} %}',
    });
    awaitUnit.next(unitDone);
    unitTimedOut.next(remindOrClose);

    const runStep = MapState.jsonata(this, STATE_NAMES.runStep, {
      stateName: STATE_NAMES.runStep,
      items: ProvideItems.jsonata('{% $states.input.step.units %}'),
      // Bodies consulted in parallel (nivå 1: Representasjonsrådet and samstyringsstrukturen,
      // Eierstrategi ch. 12) wait side by side; a step has a handful of units at most.
      maxConcurrency: 0,
      // AdvanceInput for the next round.
      outputs:
        '{% {"caseId": $states.input.caseId, "completed": {"stepId": $states.input.step.stepId, "results": $states.result}} %}',
    });
    runStep.itemProcessor(awaitUnit);
    // A unit that fails in a way nobody planned for must not end the case silently.
    runStep.addCatch(notifyFailure, { errors: ['States.ALL'], outputs: failureOutput });
    runStep.next(advance);

    const finished = new Succeed(this, STATE_NAMES.finished, { stateName: STATE_NAMES.finished });
    const isDone = Choice.jsonata(this, STATE_NAMES.isDone, { stateName: STATE_NAMES.isDone })
      .when(Condition.jsonata('{% $states.input.done = true %}'), finished)
      .otherwise(runStep);
    advance.next(isDone);

    this.stateMachineName = CaseWorkflow.nameFor(Stack.of(this));
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSONATA,
      definitionBody: DefinitionBody.fromChainable(advance),
      tracingEnabled: true,
      // Every event, but never the data: inputs and outputs carry names and email addresses.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    const role = this.stateMachine.role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery etc.) support no resource-level permissions.',
    });
    for (const fn of Object.values(fns)) {
      const cfn = fn.node.defaultChild;
      if (!(cfn instanceof CfnFunction)) continue;
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(cfn)}.Arn>:*]`,
        reason: `Invoke ${fn.node.id} (any version or alias of that one function), as the LambdaInvoke task grants.`,
      });
    }
  }
}
