"""The pages of the cases: holders' (`my_cases`, `assignment`, `notices`) and the registry's
(`registry`, `registry_notices`)."""
