// Real-looking job postings for the search-by-meaning tests: two data
// engineering roles worded differently, a front-end role and two far from
// software, so "closer" has something to be closer than.

export const DATA_ENGINEER_A = `We are hiring a Senior Data Engineer to build and run our batch and streaming data pipelines. You will design ETL jobs in Python and SQL, orchestrate them with Apache Airflow, process events with Apache Spark and Kafka, and model the warehouse in Snowflake with dbt. You care about data quality, lineage and on-call for the pipelines you own. Experience with AWS (S3, Glue) is a plus.`;

export const DATA_ENGINEER_B = `Data Engineer, analytics platform. Own the ingestion of product events into the data warehouse: write Airflow DAGs, transform data with dbt and SQL, build Spark jobs in Python for the heavy batch work, and keep Kafka topics flowing. You will improve data quality checks and partner with analysts on warehouse models in BigQuery or Snowflake.`;

export const FRONTEND_ENGINEER = `Frontend Engineer to build our design system and customer dashboard in React and TypeScript. You will write accessible components, own CSS architecture, test with Playwright and Vitest, and work with designers in Figma on responsive layouts that load fast on phones.`;

export const PASTRY_CHEF = `Pastry chef for a busy hotel restaurant. Prepare laminated doughs, croissants, plated desserts and wedding cakes; manage the pastry section's stock and ordering; train two commis; keep HACCP food safety records. Early mornings and weekend shifts.`;

export const NURSE = `Registered nurse for the cardiology ward: assess and monitor patients, administer medication, keep care plans and charts current, work with physicians on discharge planning and educate families. Twelve-hour rotating shifts; current nursing licence and BLS required.`;
