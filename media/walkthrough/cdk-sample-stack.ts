// A sample AWS CDK stack from the re:Invent Notes walkthrough.
// Hover over FargateService, DynamoDB or Lambda below: the hover shows what the
// re:Invent 2019 notes say about that service, with links to the notes.
import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const service = new ecs.FargateService(this, 'Api', {
      cluster,
      taskDefinition: new ecs.FargateTaskDefinition(this, 'Task'),
      desiredCount: 2,
    });

    const worker = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('worker'),
    });
    orders.grantReadWriteData(worker);
    orders.grantReadData(service.taskDefinition.taskRole);
  }
}
