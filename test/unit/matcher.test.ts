import * as assert from 'node:assert/strict';
import { canonicalServiceName, serviceByName } from '../../src/core/catalog';
import { findServices, matcherWork, scanDocument, splitParts } from '../../src/core/matcher';

const names = (text: string, lang?: string, document?: string) => findServices(text, lang, document === undefined ? {} : { document }).map(m => m.name);
const spans = (text: string, lang?: string) => findServices(text, lang).map(m => [m.name, text.slice(m.start, m.end)]);

describe('splitParts', () => {
  it('splits identifiers on case, digits and punctuation', () => {
    const keys = (s: string) => splitParts(s).map(p => p.key);
    assert.deepEqual(keys('ecs.FargateService'), ['ecs', 'fargate', 'service']);
    assert.deepEqual(keys('aws_dynamodb_table'), ['aws', 'dynamodb', 'table']);
    assert.deepEqual(keys('AWS::SQS::Queue'), ['aws', 'sqs', 'queue']);
    assert.deepEqual(keys('APIGatewayV2'), ['api', 'gateway', 'v', '2']);
    assert.deepEqual(keys('Graviton2'), ['graviton', '2']);
    assert.deepEqual(keys('DynamoDB'), ['dynamo', 'db']);
  });
});

describe('findServices', () => {
  it('finds services in code of every shape', () => {
    assert.deepEqual(spans('new ecs.FargateService(this, "Svc", { cluster });', 'typescript'), [['ECS', 'ecs'], ['Fargate', 'Fargate']]);
    assert.deepEqual(names('resource "aws_dynamodb_table" "t" {', 'terraform'), ['DynamoDB']);
    assert.deepEqual(names('    Type: AWS::SQS::Queue', 'yaml'), ['SQS']);
    assert.deepEqual(names('      LaunchType: FARGATE', 'yaml'), ['Fargate']);
    assert.deepEqual(names('table = boto3.client("dynamodb")', 'python'), ['DynamoDB']);
    assert.deepEqual(spans("import * as sqs from 'aws-cdk-lib/aws-sqs';", 'typescript'), [['SQS', 'sqs'], ['CDK', 'aws-cdk-lib'], ['SQS', 'sqs']]);
    assert.deepEqual(names('m6g, r6g, c6g instances (Graviton2 chip)', 'markdown'), ['Graviton']);
    assert.deepEqual(names('const r53 = new Route53Client({});', 'typescript'), ['Route 53']);
    assert.deepEqual(names('client = boto3.client("secretsmanager")', 'python'), ['Secrets Manager']);
    assert.deepEqual(names('sage maker studio, notebooks', 'markdown'), ['SageMaker']);
  });

  it('never finds a service inside another word', () => {
    assert.deepEqual(names('const specs = parseSpecs(seconds);', 'typescript'), []);
    assert.deepEqual(names('the recs and decks', 'markdown'), []);
    assert.deepEqual(names('codecs, ekstra, the rdsx and sqsd daemons', 'plaintext'), []);
  });

  it('needs AWS context for ordinary words', () => {
    assert.deepEqual(names('squares = map(lambda x: x * x, xs)', 'python'), []);
    assert.deepEqual(names('sorted(items, key=lambda item: item[1])', 'python'), []);
    assert.deepEqual(names('const config = loadConfig();', 'typescript'), []);
    assert.deepEqual(names('batch.commit(); connect(); shield(user); backup(db); glue(a, b);', 'javascript'), []);
    assert.deepEqual(names('fn = lambda: None', 'python'), []);
  });

  it('accepts ordinary words with AWS context', () => {
    assert.deepEqual(names('AWS Lambda runs it', 'markdown'), ['Lambda']);
    assert.deepEqual(names('Invoke the Lambda function', 'markdown'), ['Lambda']);
    assert.deepEqual(names('resource "aws_lambda_function" "fn" {', 'terraform'), ['Lambda']);
    assert.deepEqual(names('Type: AWS::Lambda::Function', 'yaml'), ['Lambda']);
    assert.deepEqual(names('const fn = new lambda.Function(this, "Fn", {', 'typescript'), ['Lambda']);
    assert.deepEqual(names('client = boto3.client("lambda")', 'python'), ['Lambda']);
    assert.deepEqual(names('import { LambdaClient } from "@aws-sdk/client-lambda";', 'typescript'), ['Lambda', 'Lambda']);
    assert.deepEqual(names('"Action": "lambda:InvokeFunction"', 'json'), ['Lambda']);
    assert.deepEqual(names('Principal: { Service: lambda.amazonaws.com }', 'yaml'), ['Lambda']);
    assert.deepEqual(names('arn:aws:lambda:us-east-1:123456789012:function:f', 'plaintext'), ['Lambda']);
    assert.deepEqual(names('// handled by the Lambda below', 'typescript'), ['Lambda']);
    assert.deepEqual(names('// Returns a new Config with the defaults applied', 'typescript'), []);
  });

  it('is lenient on request (notes are about AWS)', () => {
    assert.deepEqual(findServices('the lambda calculus, on kinesis', 'markdown', { lenient: true }).map(m => m.name), ['Lambda', 'Kinesis']);
    assert.deepEqual(names('the lambda calculus, on kinesis', 'markdown'), ['Kinesis']);
  });

  it('counts lowercase ordinary words listed with another service, as the notes write them', () => {
    assert.deepEqual(names('serverless (lambda, kinesis – no zone based)', 'markdown'), ['Lambda', 'Kinesis']);
    assert.deepEqual(names('support aws toolkit for third party IDE', 'markdown'), ['Toolkit']);
  });

  it('returns offsets into the text', () => {
    const text = 'use s3 and DynamoDB';
    for (const m of findServices(text)) assert.equal(canonicalServiceName(text.slice(m.start, m.end)), m.name);
  });
});

// The cases issue 10 lists, as found in real code (the set in test/fixtures/detection-real.json
// holds many more, with their sources).
describe('findServices in the context of its document', () => {
  const pyImports = 'from aws_cdk import (\n    aws_lambda as _lambda,\n    aws_events,\n    aws_logs as logs,\n)\n';

  it('knows the module aliases the imports bind', () => {
    assert.deepEqual(names('_lambda.Runtime.PYTHON_3_12', 'python', pyImports), ['Lambda']);
    assert.deepEqual(names('retention=logs.RetentionDays.ONE_WEEK,', 'python', pyImports), ['CloudWatch']);
    assert.deepEqual(names('retention=logs.RetentionDays.ONE_WEEK,', 'python'), []);
    assert.deepEqual(names('rule = aws_events.Rule(self, "Rule")', 'python', pyImports), ['EventBridge']);
    assert.deepEqual(names('    aws_logs as logs,', 'python', pyImports), ['CloudWatch']);
    assert.deepEqual(names('bus = events.EventBus(self, "Bus")', 'python', 'from aws_cdk import aws_events as events\n'), ['EventBridge']);
    assert.deepEqual(names('fn = lambda_.Function(self, "Fn")', 'python', 'import aws_cdk.aws_lambda as lambda_\n'), ['Lambda']);
    assert.deepEqual(names('input=pipeline.Artifact("Source"),', 'python', 'from aws_cdk import aws_codepipeline as pipeline\n'), ['CodePipeline']);
    assert.deepEqual(names('readonly logRetention?: logs.RetentionDays;', 'typescript', "import { aws_logs as logs } from 'aws-cdk-lib';\n"), ['CloudWatch']);
    assert.deepEqual(names('return output.DBInstance, nil', 'go', 'import (\n\t"github.com/aws/aws-sdk-go-v2/service/rds/types"\n)\n'), []);
    assert.deepEqual(names('func f() *types.DBInstance {', 'go', 'import (\n\t"github.com/aws/aws-sdk-go-v2/service/rds/types"\n)\n'), ['RDS']);
    assert.deepEqual(names('logs_client.put_log_events(logGroupName=g)', 'python', 'logs_client = boto3.client("logs")\n'), ['CloudWatch']);
  });

  it('reads a whole document: scanDocument', () => {
    const doc = `${pyImports}\nclass Stack:\n    def __init__(self):\n        fn = _lambda.Function(self, "Fn", runtime=_lambda.Runtime.PYTHON_3_12)\n        logs.LogGroup(self, "Logs")\n        new_value = lambda x: x\n`;
    const found = scanDocument(doc, 'python');
    assert.deepEqual(found.map(m => m.name), ['CDK', 'Lambda', 'Lambda', 'EventBridge', 'CloudWatch', 'Lambda', 'Lambda', 'CloudWatch']);
    for (const m of found) assert.ok(m.end > m.start && /\w/.test(doc.slice(m.start, m.end)));
  });

  it('counts ordinary words as services in a file about AWS, not elsewhere', () => {
    const tf = 'resource "aws_lambda_function" "this" {\n}\n';
    assert.deepEqual(names('  # when a lambda function is invoked, the event is logged', 'terraform', tf), ['Lambda']);
    assert.deepEqual(names('  # when a lambda function is invoked, the event is logged', 'python'), []);
    assert.deepEqual(names('dynamoTable.grantReadWriteData(getOneLambda);', 'typescript', "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\n"), ['DynamoDB', 'Lambda']);
    assert.deepEqual(names("The two lambdas inside `requireBuilder`'s deps", 'typescript'), []);
    assert.deepEqual(names('Then invoke each of the Lambdas in turn.', 'markdown'), ['Lambda']);
    assert.deepEqual(names('see the AMIs and the VPCs', 'markdown'), ['EC2', 'VPC']);
  });

  it('finds capitalized service names in strings and comments of code', () => {
    assert.deepEqual(names('  description = "Name of the Lambda function"', 'terraform'), ['Lambda']);
    assert.deepEqual(names('  Description: Lambda Function with code to call an external service', 'yaml'), ['Lambda']);
    assert.deepEqual(names('label="% API Gateway 4xx Errors",', 'python'), ['API Gateway']);
    assert.deepEqual(names('// handled by the Lambda below', 'typescript'), ['Lambda']);
    assert.deepEqual(names('### Bind Flags with Config', 'markdown'), []);
    assert.deepEqual(names('class TestingConfig(Config):', 'restructuredtext'), []);
  });

  it('reads the ${AWS::Partition} ARN form', () => {
    assert.deepEqual(names('Resource: !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*', 'yaml'), ['CloudWatch']);
    assert.deepEqual(names('"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":logs:", {"Ref": "AWS::Region"}]]', 'json'), ['CloudWatch']);
    assert.deepEqual(names('resources = ["arn:${data.aws_partition.current.partition}:lambda:*:*:function:*"]', 'terraform'), ['Lambda']);
    assert.deepEqual(names('f"arn:{partition}:states:{region}:{account}:stateMachine:*"', 'python'), ['Step Functions']);
  });

  it('leaves another cloud’s VPC and IAM alone', () => {
    const google = 'resource "google_compute_network" "vpc" {\n  project = var.project_id\n}\n';
    assert.deepEqual(names('  description = "The name of the VPC"', 'terraform', google), []);
    assert.deepEqual(names('  description = "The name of the VPC"', 'terraform', 'resource "aws_vpc" "this" {\n}\n'), ['VPC']);
    assert.deepEqual(names('  members = ["serviceAccount:ci@my-project.iam.gserviceaccount.com"]', 'terraform'), []);
    assert.deepEqual(names('| ip\\_address | Private Service Connect IP address. |', 'markdown'), []);
  });

  it('does not match across punctuation, nor out of the middle of a word', () => {
    assert.deepEqual(names('we query the endpoint (see s). 3 more', 'markdown'), []);
    assert.deepEqual(names('edges = sorted(edges, key=lambda edge: edge.weight)', 'python'), []);
    assert.deepEqual(names('resource "aws_s3_object" "package" {', 'terraform'), ['S3']);
    assert.deepEqual(names("'mongo' points to the MongoDB instance created earlier.", 'markdown'), []);
    assert.deepEqual(names('A Step-Functions state machine and an Event Bridge rule', 'markdown'), ['Step Functions', 'EventBridge']);
  });

  it('does not take ordinary words and other names for services', () => {
    assert.deepEqual(names('self.bn1 = nn.BatchNorm1d(64)', 'python'), []);
    assert.deepEqual(names('app.config.from_mapping(SECRET_KEY="dev")', 'python'), []);
    assert.deepEqual(names("var debug = require('debug')('connect:dispatcher');", 'javascript'), []);
    assert.deepEqual(names('Sign in with OpenID Connect and your identity provider.', 'markdown'), []);
    assert.deepEqual(names('      route: $connect', 'yaml', 'provider:\n  name: aws\n'), []);
    assert.deepEqual(names('GCE and AWS support dynamic provisioning of volumes.', 'markdown'), []);
    assert.deepEqual(names("healthCheck: { path: '/health' },", 'typescript', "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';\n"), []);
    assert.deepEqual(names('Deploy the stacks with the CDK Toolkit.', 'markdown'), ['CDK']);
    assert.deepEqual(names('cluster = neptune.CfnDBCluster(self, "Graph")', 'python', 'from aws_cdk import aws_neptune as neptune\n'), ['Neptune', 'CloudFormation']);
    assert.deepEqual(names('aws_config = botocore.config.Config(retries={"max_attempts": 3})', 'python'), []);
    assert.deepEqual(names('    self.scaler = torch.amp.GradScaler(self.device_type)', 'python', 'import boto3\n'), []);
    assert.deepEqual(names('nodes 0be33d6e8ddb and 5f2ad1b3', 'plaintext'), []);
  });

  it('marks weak mentions, and leaves them out unless asked', () => {
    assert.deepEqual(names("new cdk.CfnOutput(this, 'Url', { value: api.url });", 'typescript'), ['CDK']);
    const all = findServices("new cdk.CfnOutput(this, 'Url', { value: api.url });", 'typescript', { weak: true });
    assert.deepEqual(all.map(m => [m.name, !!m.weak]), [['CDK', false], ['CloudFormation', true]]);
    assert.deepEqual(names('  assume_role_policy = data.aws_iam_policy_document.assume.json', 'terraform'), ['IAM']);
    assert.deepEqual(names('    "Action": "sts:AssumeRole",', 'json'), ['STS']);
  });

  it('does work linear in the text: a line or a document twice as long costs twice as much', () => {
    const work = (text: string, lang: string) => {
      matcherWork.chars = 0;
      findServices(text, lang);
      return matcherWork.chars;
    };
    const words = 'aws_lambda_function.this lambda config batch logs events vpc_id "Name of the Lambda function" glue health_check connect module.vpc.private_subnets ';
    const line = (n: number) => words.repeat(Math.ceil(n / words.length));
    const a = work(line(100_000), 'terraform');
    const b = work(line(200_000), 'terraform');
    assert.ok(a > 0 && b / a < 2.2, `one line: ${a} then ${b} characters read`);
    const block = "const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X }); // invoked by the Lambda below\n  config.batch = logs;\n";
    const c = work(block.repeat(1000), 'typescript');
    const d = work(block.repeat(2000), 'typescript');
    assert.ok(c > 0 && d / c < 2.2, `lines: ${c} then ${d} characters read`);
  });
});

describe('catalog', () => {
  it('knows the names the issue lists, with their SDK ids', () => {
    assert.equal(canonicalServiceName('Elastic Kubernetes Service'), 'EKS');
    assert.equal(canonicalServiceName('route53'), 'Route 53');
    assert.equal(canonicalServiceName('secretsmanager'), 'Secrets Manager');
    assert.equal(canonicalServiceName('apigateway'), 'API Gateway');
    assert.equal(canonicalServiceName('mcs'), 'Keyspaces');
    assert.equal(canonicalServiceName('Managed Cassandra Service'), 'Keyspaces');
    assert.equal(canonicalServiceName('sage maker'), 'SageMaker');
    const fargate = serviceByName('Fargate');
    assert.ok(fargate && fargate.docs.startsWith('https://') && fargate.description.length > 10);
  });
});
