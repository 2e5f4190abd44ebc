import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, one of each per container (created on first use, reused across invocations).
 * Region and endpoints come from the SDK's own configuration (AWS_REGION, and locally the
 * AWS_ENDPOINT_URL_DYNAMODB / _SFN / _SECRETS_MANAGER variables): nothing here knows whether it
 * runs in AWS.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let sfn: SFNClient | undefined;
let secrets: SecretsManagerClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

export function secretsClient(): SecretsManagerClient {
  secrets ??= new SecretsManagerClient({});
  return secrets;
}
