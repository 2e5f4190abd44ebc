import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { GSI_DEFINITIONS } from '../../functions/adapters/table-layout';
import { TABLE_KEYS } from '../../shared/config/deployment';

/**
 * The single table of the system (key design: shared/config/deployment.ts TABLE_KEYS).
 * Kept in its own stack so the application stack can be replaced or torn down without ever
 * touching stored cases.
 */
export class DataStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new Table(this, 'Cases', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-owned keys are not auditable; a customer-managed key would add a key policy to
      // maintain and a cost per request for no reader we need to lock out. The AWS-managed
      // key (aws/dynamodb) is KMS encryption with every use logged in CloudTrail.
      encryption: TableEncryption.AWS_MANAGED,
      // Expired action tokens and idempotency records disappear by themselves in AWS; the
      // code never relies on it (the local database has no TTL): expiry is checked on read.
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
    });
    // Layout shared with the adapters and the test tables (functions/adapters/table-layout.ts):
    // the lists by status and by deadline project everything they show; the public journal
    // projects only the `journal` attribute, so no personal data can ever reach that index.
    for (const gsi of GSI_DEFINITIONS) {
      const keys = {
        indexName: gsi.name,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
      };
      this.table.addGlobalSecondaryIndex(
        gsi.projection.type === 'INCLUDE'
          ? { ...keys, projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...gsi.projection.nonKeyAttributes] }
          : { ...keys, projectionType: ProjectionType.ALL },
      );
    }
  }
}
