-- Issue 16: the Patient-Specific Functional Scale joins the instruments.
ALTER TYPE "Instrument" ADD VALUE IF NOT EXISTS 'PSFS';
