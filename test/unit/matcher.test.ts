import * as assert from 'node:assert/strict';
import { canonicalServiceName, serviceByName } from '../../src/core/catalog';
import { findServices, splitParts } from '../../src/core/matcher';

const names = (text: string, lang?: string) => findServices(text, lang).map(m => m.name);
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
