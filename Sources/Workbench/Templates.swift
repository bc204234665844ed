/// The scenario a new file of the workbench starts from when no existing one is copied.
enum Templates {
    /// A small, valid scenario: one home clinic, two rotations, one course and two trainees, in Swedish.
    static let small = """
# En liten mall: en hemklinik, två randningar och två ST-läkare. Ändra den till er egen kohort.
scenario: Ny kohort
calendar:
  start: 2027-01-04            # en måndag: vecka 0 i planen
  weeks: 340
  periods: term
units:
  - id: hem
    name: Hemkliniken
    home: true
    staffing: { min: 1, target: 1 }
  - id: akut
    name: Akutmottagningen
    capacity: 1
  - id: iva
    name: IVA
    capacity: 1
courses:
  - id: ledarskap
    name: Ledarskap för ST-läkare
    sessions: [ { start: 2027-10-04, days: 3 }, { start: 2028-10-02, days: 3 }, { start: 2029-10-01, days: 3 } ]
programs:
  - id: st
    name: ST i internmedicin
    regulation: SOSFS 2015:8
    rotations:
      - { id: akut, unit: akut, weeks: 13, before_month: 24 }
      - { id: iva, unit: iva, weeks: 8 }
    courses:
      - { course: ledarskap }
    research: { weeks: { min: 4, max: 10 }, start_before_month: 30 }
    quality: { weeks: 2 }
    supervision: { hours: 1, every_weeks_first_year: 2, every_weeks_after: 4 }
    vacation_weeks_per_year: 5
supervisors:
  - { id: handledare, name: Handledare Ett, hours_per_month: 5 }
trainees:
  - { id: anna, name: Anna Ek, program: st, start: 2027-01-04, supervisor: handledare }
  - { id: bo, name: Bo Lind, program: st, start: 2027-03-01, supervisor: handledare, employment: 0.8 }
"""
}
